using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Tests.Validation;

public sealed class ValidationIssueTests
{
    private static ValidationIssue Issue(SourceLocation location, string path = "performance.batch_size", IssueSeverity severity = IssueSeverity.Error) =>
        new(severity, IssueCodes.Range, path, "too small") { Location = location };

    [Fact]
    public void ToString_FileLocation_IsFileLineColumnSeverityCodePathMessage() =>
        Assert.Equal("app.yaml:3:15 error CFG-RANGE performance.batch_size: too small", Issue(SourceLocation.At("app.yaml", 3, 15)).ToString());

    [Fact]
    public void ToString_NoPath_LeavesThePathOut() =>
        Assert.Equal("app.yaml:1:1 warning CFG-RANGE: too small", Issue(SourceLocation.At("app.yaml", 1, 1), string.Empty, IssueSeverity.Warning).ToString());

    [Fact]
    public void ToString_PositionWithoutFile_SaysInput() =>
        Assert.Equal("<input>:2:3 info CFG-RANGE performance.batch_size: too small", Issue(SourceLocation.At(null, 2, 3), severity: IssueSeverity.Info).ToString());

    [Fact]
    public void ToString_Variable_SaysEnv() =>
        Assert.Equal("env MEMORY_BATCH_SIZE error CFG-RANGE performance.batch_size: too small", Issue(SourceLocation.FromVariable("MEMORY_BATCH_SIZE")).ToString());

    [Fact]
    public void ToString_FileWithoutPosition_SaysTheFile() =>
        Assert.Equal("missing.yaml error CFG-RANGE performance.batch_size: too small", Issue(new SourceLocation { File = "missing.yaml" }).ToString());

    [Fact]
    public void ToString_NoLocation_SaysConfig() =>
        Assert.Equal("<config> error CFG-RANGE performance.batch_size: too small", Issue(SourceLocation.Default).ToString());

    [Fact]
    public void LineAndColumn_WithoutPosition_AreNull()
    {
        var issue = Issue(SourceLocation.Default);

        Assert.Null(issue.Line);
        Assert.Null(issue.Column);
        Assert.Null(issue.File);
    }

    [Theory]
    [InlineData(IssueSeverity.Error, true)]
    [InlineData(IssueSeverity.Warning, false)]
    [InlineData(IssueSeverity.Info, false)]
    public void IsError_OnlyForErrors(IssueSeverity severity, bool expected) =>
        Assert.Equal(expected, Issue(SourceLocation.Default, severity: severity).IsError);
}
