namespace MemoryTriggers.Compare.Canonical;

/// <summary>The neutral rule model every engine's rules are translated from.</summary>
/// <param name="Seed">The generator seed.</param>
/// <param name="Size">The number of rules the set was generated as.</param>
/// <param name="Rules">The rules, in id order.</param>
internal sealed record CanonicalRuleSet(long Seed, int Size, IReadOnlyList<CanonicalRule> Rules);
