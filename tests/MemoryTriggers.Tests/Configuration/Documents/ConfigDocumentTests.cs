using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Tests.Configuration.Documents;

public sealed class ConfigDocumentTests
{
    private const string Text = "performance:\n  batch_size: 50\nmonitoring:\n  alert_channels:\n    - slack\n    - email\n  log_level:\n";

    private static ConfigDocument Document()
    {
        var issues = new List<ValidationIssue>();
        var document = ConfigDocumentParser.Parse(Text, "doc.yaml", issues);
        Assert.Empty(issues);
        return document;
    }

    [Theory]
    [InlineData("performance.batch_size", 50L)]
    [InlineData("monitoring.alert_channels[0]", "slack")]
    [InlineData("monitoring.alert_channels[1]", "email")]
    [InlineData("monitoring.log_level", null)]
    public void Find_WrittenPath_ReturnsTheNode(string path, object? expected) =>
        Assert.Equal(expected, Assert.IsType<ConfigScalar>(Document().Find(path)).Value);

    [Theory]
    [InlineData("performance.recall_timeout")]
    [InlineData("monitoring.alert_channels[2]")]
    [InlineData("performance.batch_size.deeper")]
    [InlineData("lifecycle")]
    public void Find_PathNotWritten_ReturnsNull(string path) =>
        Assert.Null(Document().Find(path));

    [Fact]
    public void Find_EmptyPath_ReturnsTheRoot() =>
        Assert.IsType<ConfigMapping>(Document().Find(string.Empty));

    [Fact]
    public void Locate_WrittenValue_ReturnsItsPosition() =>
        Assert.Equal(SourceLocation.At("doc.yaml", 6, 7), Document().Locate("monitoring.alert_channels[1]"));

    [Fact]
    public void Locate_MissingValue_PointsIntoTheNearestWrittenAncestor()
    {
        var location = Document().Locate("performance.recall_timeout");

        // The 'performance:' key is on line 1 and its first entry on line 2.
        Assert.Equal("doc.yaml", location.File);
        Assert.InRange(location.Line, 1, 2);
    }

    [Fact]
    public void Locate_EmptyDocument_ReturnsDefault() =>
        Assert.Equal(SourceLocation.Default, new ConfigDocument("x.yaml", null).Locate("performance.batch_size"));

    [Fact]
    public void LocateKey_WrittenEntry_ReturnsTheKeyPosition() =>
        Assert.Equal(SourceLocation.At("doc.yaml", 2, 3), Document().LocateKey("performance.batch_size"));

    [Fact]
    public void LocateKey_MissingEntry_ReturnsNull() =>
        Assert.Null(Document().LocateKey("performance.recall_timeout"));
}
