using MemoryTriggers.Policies;

namespace MemoryTriggers.Tests.Policies.Validation;

/// <summary>The nested-quantifier scan and the non-backtracking probe.</summary>
public sealed class RegexAnalysisTests
{
    [Theory]
    [InlineData("(a+)+", "(a+)+")]
    [InlineData("(.*)*", "(.*)*")]
    [InlineData(@"^(\w+\s?)+$", @"(\w+\s?)+")]
    [InlineData("x((ab)*c)+", "((ab)*c)+")]
    [InlineData("(?:a|b+){2,}", "(?:a|b+){2,}")]
    [InlineData("([a-z]+)*?", "([a-z]+)*?")]
    public void FindNestedQuantifier_QuantifiedGroupWithQuantifiedBody_ReturnsTheGroup(string pattern, string nested) =>
        Assert.Equal(nested, RegexAnalysis.FindNestedQuantifier(pattern));

    [Theory]
    [InlineData("a+b*")]
    [InlineData("(ab)+")]
    [InlineData("(a+)?")]
    [InlineData("(a+){1}")]
    [InlineData(@"\(a+\)+")]
    [InlineData("[(a+)]+")]
    [InlineData("(?=a+)b")]
    [InlineData("(a|b)*")]
    public void FindNestedQuantifier_NoNesting_ReturnsNull(string pattern) =>
        Assert.Null(RegexAnalysis.FindNestedQuantifier(pattern));

    [Theory]
    [InlineData("(a+)+$", true)]
    [InlineData(@"(a)\1", false)]
    [InlineData("(?=a)a", false)]
    [InlineData("(?>a+)", false)]
    public void RunsWithoutBacktracking_TellsWhatTheLinearEngineSupports(string pattern, bool expected) =>
        Assert.Equal(expected, RegexAnalysis.RunsWithoutBacktracking(pattern));
}
