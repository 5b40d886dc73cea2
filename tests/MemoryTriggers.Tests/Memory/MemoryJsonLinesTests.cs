using FsCheck;
using FsCheck.Fluent;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;

namespace MemoryTriggers.Tests.Memory;

public sealed class MemoryJsonLinesTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly MemoryRecord Full = new()
    {
        Id = "m1",
        Content = "Line one\n\"quoted\" ünïcode",
        Tags = ValueList<string>.From(["a", "b"]),
        Category = "error",
        Metadata = ValueMap<object?>.From([new("n", 3L), new("x", 1.5), new("s", "t"), new("b", true), new("z", null), new("list", ValueList<object?>.From([1L, "two"]))]),
        QualityScore = 0.25,
        UserId = "u",
        AgentId = "a",
        RunId = "r",
        SourceRule = "rule",
        ContentHash = "hash",
        CreatedAt = Now.AddDays(-1),
        UpdatedAt = Now,
        ExpiresAt = Now.AddDays(2),
        Archived = true,
    };

    [Fact]
    public void ToLine_ThenTryReadDraft_KeepsEveryFieldADraftHas()
    {
        var line = MemoryJsonLines.ToLine(Full);

        Assert.True(MemoryJsonLines.TryReadDraft(line, Now, out var draft, out var archived, out var problem), problem);
        Assert.True(archived);
        Assert.Equal(Full.Content, draft!.Content);
        Assert.Equal(Full.Tags, draft.Tags);
        Assert.Equal(("error", 0.25, "u", "a", "r", "rule"), (draft.Category, draft.QualityScore, draft.UserId, draft.AgentId, draft.RunId, draft.SourceRule));
        Assert.Equal(Full.Metadata, draft.Metadata);
        Assert.Equal(TimeSpan.FromDays(2), draft.ExpiresAfter);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void ToLine_Times_AreUtcIso8601()
    {
        var line = MemoryJsonLines.ToLine(Full with { CreatedAt = new DateTimeOffset(2025, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)) });

        Assert.Contains("\"created_at\":\"2025-01-02T03:04:05.0000000Z\"", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1]", "expected a JSON object")]
    [InlineData("{}", "'content' must be a non-empty string")]
    [InlineData("{\"content\":\" \"}", "'content' must be a non-empty string")]
    [InlineData("{\"content\":\"x\",\"tags\":[1]}", "'tags' must be a list of strings")]
    [InlineData("{\"content\":\"x\",\"metadata\":[]}", "'metadata' must be an object")]
    [InlineData("{\"content\":\"x\",\"quality_score\":\"high\"}", "'quality_score' must be a number from 0 to 1 or null")]
    [InlineData("{\"content\":\"x\",\"quality_score\":1e999}", "'quality_score' must be a number from 0 to 1 or null")]
    [InlineData("{\"content\":\"x\",\"user_id\":7}", "'user_id' must be a string or null")]
    [InlineData("{\"content\":\"x\",\"expires_at\":\"soon\"}", "'expires_at' is not a time: 'soon'")]
    [InlineData("{\"content\":\"x\",\"expires_at\":\"2025-03-01T11:00:00Z\"}", "expired")]
    [InlineData("{\"content\":\"x\",\"archived\":\"yes\"}", "'archived' must be true or false")]
    [InlineData("{\"content\":", "not valid JSON (at character 12)")]
    public void TryReadDraft_BadLine_SaysWhatIsWrong(string line, string expected)
    {
        Assert.False(MemoryJsonLines.TryReadDraft(line, Now, out var draft, out _, out var problem));
        Assert.Null(draft);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void TryReadDraft_OnlyContent_GivesAPlainDraft()
    {
        Assert.True(MemoryJsonLines.TryReadDraft("{\"content\":\"x\",\"id\":\"ignored\",\"archived\":null}", Now, out var draft, out var archived, out _));
        Assert.Equal(new MemoryDraft { Content = "x" }, draft);
        Assert.False(archived);
    }

    [Fact]
    public void TryReadDraft_RandomText_NeverThrows()
    {
        Prop.ForAll<string>(text =>
        {
            var ok = MemoryJsonLines.TryReadDraft(text ?? string.Empty, Now, out var draft, out _, out var problem);
            return ok ? draft is not null && problem is null : draft is null && problem is not null;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryReadDraft_MutatedValidLine_NeverThrows()
    {
        var line = MemoryJsonLines.ToLine(Full);
        Prop.ForAll(Gen.Choose(0, line.Length - 1).ToArbitrary(), Gen.Elements('"', '{', '}', ':', ',', '1', 'x', '[', ' ', '\\').ToArbitrary(), (position, character) =>
        {
            var mutated = string.Concat(line.AsSpan(0, position), character.ToString(), line.AsSpan(position + 1));
            var ok = MemoryJsonLines.TryReadDraft(mutated, Now, out var draft, out _, out var problem);
            return ok == (draft is not null) && ok == (problem is null);
        }).QuickCheckThrowOnFailure();
    }
}
