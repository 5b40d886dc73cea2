using System.Diagnostics;
using System.Text;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Tests.Configuration.Documents;

public sealed class ConfigDocumentParserTests
{
    private static (ConfigDocument Document, List<ValidationIssue> Issues) Parse(string text)
    {
        var issues = new List<ValidationIssue>();
        return (ConfigDocumentParser.Parse(text, "test.yaml", issues), issues);
    }

    private static ConfigScalar ScalarOf(string valueText)
    {
        var (document, issues) = Parse("value: " + valueText + "\n");
        Assert.Empty(issues);
        return Assert.IsType<ConfigScalar>(document.Find("value"));
    }

    public static TheoryData<string, object?> CoreSchemaScalars => new()
    {
        { "\"1.0\"", "1.0" },
        { "'true'", "true" },
        { "\"null\"", "null" },
        { "\"0x1F\"", "0x1F" },
        { "1.0", 1.0 },
        { "1.", 1.0 },
        { ".5", 0.5 },
        { "-2.5e3", -2500.0 },
        { "1e3", 1000.0 },
        { "42", 42L },
        { "-7", -7L },
        { "+12", 12L },
        { "0x1F", 31L },
        { "0o17", 15L },
        { "~", null },
        { "null", null },
        { "Null", null },
        { "NULL", null },
        { "", null },
        { "true", true },
        { "True", true },
        { "TRUE", true },
        { "false", false },
        { "False", false },
        { ".inf", double.PositiveInfinity },
        { "-.Inf", double.NegativeInfinity },
        { ".NaN", double.NaN },
        { "yes", "yes" },
        { "on", "on" },
        { "No", "No" },
        { "tRUE", "tRUE" },
        { "nULL", "nULL" },
        { "1_000", "1_000" },
        { "0X1F", "0X1F" },
        { "2026-01-31", "2026-01-31" },
        { "1.0.0", "1.0.0" },
        { "!!str 5", "5" },
        { "! 5", "5" },
    };

    [Theory]
    [MemberData(nameof(CoreSchemaScalars))]
    public void Parse_Scalar_ResolvesByYaml12CoreSchema(string text, object? expected) =>
        Assert.Equal(expected, ScalarOf(text).Value);

    [Fact]
    public void Parse_HexBeyondLong_DoesNotWrapToNegative()
    {
        // 0xFFFFFFFFFFFFFFFF is 18446744073709551615; it must not become -1.
        var value = ScalarOf("0xFFFFFFFFFFFFFFFF").Value;

        Assert.False(value is long l && l < 0, $"0xFFFFFFFFFFFFFFFF resolved to {value}");
    }

    [Theory]
    [InlineData("\"1.0\"", true, "1.0")]
    [InlineData("'it''s'", true, "it's")]
    [InlineData("1.0", false, "1.0")]
    public void Parse_Scalar_KeepsTextAndQuoting(string text, bool quoted, string expectedText)
    {
        var scalar = ScalarOf(text);

        Assert.Equal(quoted, scalar.IsQuoted);
        Assert.Equal(expectedText, scalar.Text);
    }

    [Fact]
    public void Parse_Scalar_RecordsLineAndColumnOfTheValue()
    {
        var (document, _) = Parse("# comment\nperformance:\n  batch_size: 50\n");

        var location = document.Find("performance.batch_size")!.Location;

        Assert.Equal(SourceLocation.At("test.yaml", 3, 15), location);
    }

    [Fact]
    public void Parse_AnchorAndAlias_AliasSharesTheAnchoredValue()
    {
        var (document, issues) = Parse("base: &b\n  batch_size: 25\n  tags: [a, b]\ncopy: *b\nscalar: &s hello\nagain: *s\n");

        Assert.Empty(issues);
        Assert.Equal(25L, ((ConfigScalar)document.Find("copy.batch_size")!).Value);
        Assert.Equal("b", ((ConfigScalar)document.Find("copy.tags[1]")!).Value);
        Assert.Equal("hello", ((ConfigScalar)document.Find("again")!).Value);
    }

    [Fact]
    public void Parse_AliasBeforeItsAnchor_ReportsSyntaxError()
    {
        var (document, issues) = Parse("copy: *b\nbase: &b 1\n");

        var issue = Assert.Single(issues);
        Assert.Equal(IssueCodes.YamlSyntax, issue.Code);
        Assert.Equal((1, 7), (issue.Line, issue.Column));
        Assert.Null(document.Root);
    }

    [Fact]
    public void Parse_TwoDocuments_ReportsMultipleDocumentsAtTheSecondAndKeepsTheFirst()
    {
        var (document, issues) = Parse("environment: development\n---\nenvironment: production\n");

        var issue = Assert.Single(issues);
        Assert.Equal(IssueCodes.MultipleDocuments, issue.Code);
        Assert.Equal(IssueSeverity.Error, issue.Severity);
        Assert.Equal((2, 1), (issue.Line, issue.Column));
        Assert.Equal("development", ((ConfigScalar)document.Find("environment")!).Value);
    }

    [Theory]
    [InlineData("---\nenvironment: testing\n")]
    [InlineData("---\nenvironment: testing\n...\n")]
    [InlineData("%YAML 1.2\n---\nenvironment: testing\n")]
    public void Parse_OneDocumentWithMarkers_ReportsNothing(string text)
    {
        var (document, issues) = Parse(text);

        Assert.Empty(issues);
        Assert.Equal("testing", ((ConfigScalar)document.Find("environment")!).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("# only a comment\n")]
    [InlineData("~\n")]
    [InlineData("---\n")]
    public void Parse_NothingInTheDocument_GivesNullRootAndNoIssue(string text)
    {
        var (document, issues) = Parse(text);

        Assert.Empty(issues);
        Assert.Null(document.Root);
    }

    [Fact]
    public void Parse_DuplicateKey_ReportsTheSecondAndKeepsTheFirst()
    {
        var (document, issues) = Parse("a: 1\nb: 2\na: 3\n");

        var issue = Assert.Single(issues);
        Assert.Equal((IssueCodes.DuplicateKey, "a", 3, 1), (issue.Code, issue.Path, issue.Line, issue.Column));
        Assert.Equal(1L, ((ConfigScalar)document.Find("a")!).Value);
    }

    [Fact]
    public void Parse_DuplicateKeyInNestedMapping_ReportsItsFullPath()
    {
        var (_, issues) = Parse("trigger_policies:\n  nightly:\n    enabled: true\n    enabled: false\n");

        Assert.Equal("trigger_policies.nightly.enabled", Assert.Single(issues).Path);
    }

    [Theory]
    [InlineData("[a, b]: 1\n")]
    [InlineData("{x: 1}: 1\n")]
    [InlineData("~: 1\n")]
    public void Parse_KeyThatIsNotAName_ReportsSyntaxError(string text)
    {
        var (_, issues) = Parse(text);

        var issue = Assert.Single(issues);
        Assert.Equal(IssueCodes.YamlSyntax, issue.Code);
        Assert.Contains("a key must be a plain name", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingWithinLimit_Succeeds()
    {
        var (document, issues) = Parse("a: " + new string('[', 60) + "1" + new string(']', 60) + "\n");

        Assert.Empty(issues);
        Assert.NotNull(document.Root);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(20_000)]
    public void Parse_NestingBeyondLimit_ReportsIssueInsteadOfThrowing(int depth)
    {
        var (document, issues) = Parse("a: " + new string('[', depth) + new string(']', depth) + "\n");

        var issue = Assert.Single(issues);
        Assert.Equal(IssueCodes.YamlSyntax, issue.Code);
        Assert.Contains("nests deeper than 64 levels", issue.Message, StringComparison.Ordinal);
        Assert.Null(document.Root);
    }

    [Fact]
    public void Parse_BlockNestingBeyondLimit_ReportsIssue()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 80; i++)
        {
            text.Append(' ', i * 2).Append('k').Append(i).Append(":\n");
        }

        var (_, issues) = Parse(text.ToString());

        Assert.Equal(IssueCodes.YamlSyntax, Assert.Single(issues).Code);
    }

    [Fact]
    public void Parse_AliasBomb_ReportsIssueQuicklyInsteadOfExpanding()
    {
        // Arrange: nine levels of ten aliases each would expand to 10^9 values.
        var text = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            text.Append($"l{i}: &l{i} [").AppendJoin(", ", Enumerable.Repeat($"*l{i - 1}", 10)).Append("]\n");
        }

        var stopwatch = Stopwatch.StartNew();

        // Act
        var (document, issues) = Parse(text.ToString());

        // Assert
        var issue = Assert.Single(issues);
        Assert.Equal(IssueCodes.YamlSyntax, issue.Code);
        Assert.Contains("alias", issue.Message, StringComparison.Ordinal);
        Assert.Null(document.Root);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Parse_ModestAliasReuse_IsAllowed()
    {
        var (_, issues) = Parse("base: &b {a: 1, b: 2}\nx1: *b\nx2: *b\nx3: *b\nx4: *b\n");

        Assert.Empty(issues);
    }

    [Theory]
    [InlineData("a: [1, 2\nb: 3\n")]
    [InlineData("a: {x: 1, y: 2\nb: 3\n")]
    [InlineData("a: [x,\n  y\nb: 3\n")]
    public void Parse_UnclosedFlowCollectionFollowedByMoreText_ReportsSyntaxErrorInsteadOfThrowing(string text)
    {
        var (_, issues) = Parse(text);

        Assert.Equal(IssueCodes.YamlSyntax, Assert.Single(issues).Code);
    }

    [Fact]
    public void Parse_TabIndentation_ReportsTheLineOfTheTab()
    {
        var (_, issues) = Parse("environment: development\nperformance:\n\tbatch_size: 50\n");

        var issue = Assert.Single(issues);
        Assert.Equal(IssueCodes.YamlSyntax, issue.Code);
        Assert.Equal(3, issue.Line);
        Assert.Equal("indent with spaces, not tabs", issue.Suggestion);
    }

    [Fact]
    public void Parse_SyntaxError_UsesTheSourceNameAndNoPath()
    {
        var (_, issues) = Parse("a: b: c\n");

        var issue = Assert.Single(issues);
        Assert.Equal(("test.yaml", string.Empty, IssueSeverity.Error), (issue.File, issue.Path, issue.Severity));
        Assert.DoesNotContain("Line:", issue.Message, StringComparison.Ordinal);
    }
}
