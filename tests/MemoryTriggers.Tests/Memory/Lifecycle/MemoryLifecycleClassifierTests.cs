using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Lifecycle;

namespace MemoryTriggers.Tests.Memory.Lifecycle;

public sealed class MemoryLifecycleClassifierTests
{
    private static MemoryRecord Record(string[] tags, string? category = null, double? quality = null) => new()
    {
        Id = "m1",
        Content = "c",
        ContentHash = MemoryContentHash.Compute("c"),
        Tags = ValueList<string>.From(tags),
        Category = category,
        QualityScore = quality,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    [Theory]
    [InlineData(new string[0], null, null, MemoryLifecycleKind.Default)]
    [InlineData(new string[0], null, 0.79, MemoryLifecycleKind.Default)]
    [InlineData(new string[0], null, 0.8, MemoryLifecycleKind.Important)]
    [InlineData(new[] { "CRITICAL" }, null, null, MemoryLifecycleKind.Important)]
    [InlineData(new string[0], " Important ", null, MemoryLifecycleKind.Important)]
    [InlineData(new[] { "error", "important" }, null, 0.1, MemoryLifecycleKind.Important)]
    [InlineData(new[] { "workflow", "Error" }, null, null, MemoryLifecycleKind.Error)]
    [InlineData(new[] { "failure" }, "error", 0.95, MemoryLifecycleKind.Error)]
    [InlineData(new[] { "workflow" }, null, 0.95, MemoryLifecycleKind.Workflow)]
    [InlineData(new string[0], "Workflow", null, MemoryLifecycleKind.Workflow)]
    [InlineData(new[] { "errors", "workflows", "unimportant" }, "error handling", null, MemoryLifecycleKind.Default)]
    public void Classify_MarkersAndScore_FirstMatchingRuleWins(string[] tags, string? category, double? quality, MemoryLifecycleKind expected) =>
        Assert.Equal(expected, MemoryLifecycleClassifier.Classify(Record(tags, category, quality)));

    [Fact]
    public void Names_EveryValue_IsSnakeCase()
    {
        Assert.Equal(["default", "important", "error", "workflow"], Enum.GetValues<MemoryLifecycleKind>().Select(LifecycleNames.Of));
        Assert.Equal(["expired_at", "expired_retention", "low_quality", "archive_age"], Enum.GetValues<LifecycleCleanupReason>().Select(LifecycleNames.Of));
        Assert.Equal(["delete", "archive"], Enum.GetValues<LifecycleCleanupAction>().Select(LifecycleNames.Of));
    }
}
