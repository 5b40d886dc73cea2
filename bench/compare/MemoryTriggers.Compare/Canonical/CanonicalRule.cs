namespace MemoryTriggers.Compare.Canonical;

/// <summary>A canonical rule: it matches when all its top-level conditions hold.</summary>
/// <param name="Id">The rule id (<c>r</c> and 4 digits, so ordinal sorting agrees in every language).</param>
/// <param name="Conditions">The top-level conditions; the first is the event type equality.</param>
internal sealed record CanonicalRule(string Id, IReadOnlyList<CanonicalCondition> Conditions);
