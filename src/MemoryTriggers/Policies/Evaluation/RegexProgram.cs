using System.Text.RegularExpressions;

namespace MemoryTriggers.Policies;

/// <summary>
/// One pattern's regex, shared by every condition of a compiled set that uses it. It starts on the interpreter,
/// which is cheap to build (3,000 rules compile in milliseconds); once it has been run
/// <see cref="CompileAfter"/> times, an instance with <see cref="RegexOptions.Compiled"/> (the same pattern,
/// options and timeout, so the same answers, several times faster) is built on the thread pool and swapped in.
/// The non-backtracking engine (patterns with nested quantifiers) stays as it is.
/// </summary>
internal sealed class RegexProgram
{
    /// <summary>The number of runs after which the compiled form is built.</summary>
    public const int CompileAfter = 1_000;

    private Regex _regex;
    private int _runsLeft;

    public RegexProgram(Regex regex)
    {
        _regex = regex;
        _runsLeft = (regex.Options & RegexOptions.NonBacktracking) == 0 ? CompileAfter : 0;
    }

    /// <summary>Gets the regex in use now.</summary>
    public Regex Current => Volatile.Read(ref _regex);

    public bool IsMatch(ReadOnlySpan<char> text)
    {
        // The count is approximate under concurrent runs; it only decides when to compile, and stops being written once it is done.
        if (_runsLeft > 0 && --_runsLeft == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static program => program.Compile(), this, preferLocal: false);
        }

        return Current.IsMatch(text);
    }

    /// <summary>Builds the compiled form and swaps it in (on a pool thread; directly in tests).</summary>
    public void Compile()
    {
        _runsLeft = 0;
        var current = Current;
        if ((current.Options & (RegexOptions.Compiled | RegexOptions.NonBacktracking)) != 0)
        {
            return;
        }

        try
        {
            var compiled = new Regex(current.ToString(), current.Options | RegexOptions.Compiled, current.MatchTimeout);
            compiled.IsMatch(string.Empty);
            Volatile.Write(ref _regex, compiled);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PlatformNotSupportedException or InvalidOperationException)
        {
            // Keep the interpreter: it gives the same answers.
        }
    }

    public override string ToString() => Current.ToString();
}
