using MemoryTriggers.Validation;

namespace MemoryTriggers.Policies.Testing;

/// <summary>The outcome of a test suite: each case, and which rules the suite made fire.</summary>
/// <param name="Cases">The cases, in order.</param>
/// <param name="Rules">Every rule of the policies under test.</param>
/// <param name="FiredRules">The rules that fired (or matched and were skipped by their own skip action) in at least one case.</param>
/// <param name="PolicyIssues">Errors in the policies under test (the suite does not run when there are any).</param>
public sealed record PolicyTestReport(IReadOnlyList<PolicyTestCaseResult> Cases, IReadOnlyList<string> Rules, IReadOnlyList<string> FiredRules, IReadOnlyList<ValidationIssue> PolicyIssues)
{
    /// <summary>Gets a value indicating whether every case passed and the policies had no errors.</summary>
    public bool Passed => PolicyIssues.Count == 0 && Cases.All(c => c.Passed);

    /// <summary>Gets the share of rules the suite made fire, from 0 to 1.</summary>
    public double Coverage => Rules.Count == 0 ? 1.0 : (double)FiredRules.Count / Rules.Count;
}
