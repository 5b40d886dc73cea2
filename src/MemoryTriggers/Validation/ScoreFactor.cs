namespace MemoryTriggers.Validation;

/// <summary>One factor of the performance score.</summary>
/// <param name="Name">The factor's name, such as <c>timeouts</c>.</param>
/// <param name="Multiplier">The multiplier it applied, from 0.0 to 1.0; 1.0 costs nothing.</param>
/// <param name="Reason">Why it has that value.</param>
public sealed record ScoreFactor(string Name, double Multiplier, string Reason);
