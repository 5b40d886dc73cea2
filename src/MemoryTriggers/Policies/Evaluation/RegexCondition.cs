using System.Text.RegularExpressions;

namespace MemoryTriggers.Policies;

/// <summary>
/// <c>matches_regex</c>: an unanchored search in a string field. Patterns run on the interpreter
/// with a 100 ms match timeout; a pattern with a nested quantifier (the shape of catastrophic
/// backtracking, such as <c>(a+)+</c>) runs on the non-backtracking engine in linear time instead,
/// which is costly to build and so kept for those. A timeout makes the condition false. A pattern
/// run often moves to a compiled regex (see <see cref="RegexProgram"/>).
/// </summary>
internal sealed class RegexCondition(PolicyCondition source, string path, FieldPath field, RegexProgram regex) : CompiledCondition(source, path)
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc/>
    public override int Cost => 20;

    /// <summary>Builds the regex, or returns the reason it cannot be built.</summary>
    public static Regex? TryBuild(string pattern, out string? error)
    {
        error = null;
        try
        {
            if (RegexAnalysis.FindNestedQuantifier(pattern) is not null)
            {
                try
                {
                    return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
                }
                catch (NotSupportedException)
                {
                    // Backreferences or lookarounds: only the backtracking engine runs them; the timeout bounds it.
                }
            }

            return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    protected override bool Test(ref EvalScope scope)
    {
        var actual = scope.Resolve(field);
        if (actual.Kind != ValueKind.String)
        {
            return false;
        }

        try
        {
            return actual.TestString(regex, static (program, text) => program.IsMatch(text));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    protected override (string? Actual, string? Expected) Describe(ref EvalScope scope) =>
        (scope.Resolve(field).ToString(), "/" + regex + "/");
}
