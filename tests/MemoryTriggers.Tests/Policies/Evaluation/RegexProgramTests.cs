using System.Text.RegularExpressions;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Tests.Policies.Evaluation;

public sealed class RegexProgramTests
{
    private static readonly string[] s_patterns =
    [
        @"\b[a-z]+\d\b", "^(tool|deploy)\\b", "[?!]$", "^[a-z]{2,6}-[a-z]{1,5}$", "(?i)TIMEOUT", @"(.)\1", "^$", "é+", @"\d{3,}",
    ];

    private static readonly string[] s_texts =
    [
        "", "a", "please memory the user user the delay error request note!", "tool call", "deploy7 now", "planner-5",
        "browser-ext", "timeout", "Database TimeOut", "aa", "café", "x123y", "12", "what?", "why!\n", "abc1 def",
    ];

    [Fact]
    public void Compile_SwapsInACompiledRegex_WithTheSameAnswersOptionsAndTimeout()
    {
        foreach (var pattern in s_patterns)
        {
            var built = RegexCondition.TryBuild(pattern, out var error);
            Assert.True(built is not null, error);
            var program = new RegexProgram(built!);
            var before = s_texts.Select(t => program.IsMatch(t)).ToArray();

            program.Compile();

            Assert.True((program.Current.Options & RegexOptions.Compiled) != 0, pattern);
            Assert.Equal(built!.Options | RegexOptions.Compiled, program.Current.Options);
            Assert.Equal(RegexCondition.MatchTimeout, program.Current.MatchTimeout);
            Assert.Equal(pattern, program.ToString());
            Assert.Equal(before, s_texts.Select(t => program.IsMatch(t)).ToArray());
        }
    }

    [Fact]
    public void IsMatch_RunOften_MovesToACompiledRegexInTheBackground()
    {
        var program = new RegexProgram(RegexCondition.TryBuild(@"\b[a-z]+\d\b", out _)!);
        for (var i = 0; i < RegexProgram.CompileAfter; i++)
        {
            Assert.True(program.IsMatch("abc1 def"));
        }

        // The pool thread builds it; this waits for it (generously, for a loaded machine) rather than timing it.
        Assert.True(SpinWait.SpinUntil(() => (program.Current.Options & RegexOptions.Compiled) != 0, TimeSpan.FromSeconds(60)));
        Assert.True(program.IsMatch("abc1 def"));
        Assert.False(program.IsMatch("abc def"));
    }

    [Fact]
    public void Compile_NonBacktrackingPattern_StaysAsItIs()
    {
        var built = RegexCondition.TryBuild("(a+)+b", out _)!;
        Assert.True((built.Options & RegexOptions.NonBacktracking) != 0);
        var program = new RegexProgram(built);

        program.Compile();
        for (var i = 0; i < RegexProgram.CompileAfter + 10; i++)
        {
            program.IsMatch("aaab");
        }

        Assert.Same(built, program.Current);
    }
}
