namespace MemoryTriggers.Policies;

/// <summary>How one condition evaluated, for explanations.</summary>
/// <param name="Path">Where the condition is in the rule, for example <c>conditions[1].sub_conditions[0]</c>.</param>
/// <param name="Type">The condition's type, as in YAML.</param>
/// <param name="Field">The field it read, if any.</param>
/// <param name="Actual">The value the field had, as text (<c>(missing)</c> when absent).</param>
/// <param name="Expected">What it was compared with, as text.</param>
/// <param name="Result">The result, after <c>negate</c>.</param>
public sealed record ConditionTrace(string Path, string Type, string? Field, string? Actual, string? Expected, bool Result);
