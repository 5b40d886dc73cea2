using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MemoryTriggers.Configuration;
using MemoryTriggers.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Runtime;

public sealed class TriggerEventReaderTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Read_JsonLinesWithEveryField_ReadsEachEvent()
    {
        const string text = """
            {"id":"e1","trigger_type":"error","timestamp":"2026-11-24T09:10:00Z","agent_id":"a","workflow_id":"w","task_id":"t","user_id":"u","session_id":"s","success":false,"confidence":0.9,"quality_score":0.5,"payload":{"error_message":"boom","n":[1,2]}}

            {"trigger_type":"Workflow"}
            """;

        var reads = TriggerEventReader.Read(text, "events.jsonl", Time).ToList();

        Assert.Equal([1, 3], reads.Select(r => r.Line));
        var first = reads[0].Event!;
        Assert.Equal(("e1", MemoryTriggerType.Error, "a", "w", "t", "u", "s"), (first.Id, first.TriggerType, first.AgentId, first.WorkflowId, first.TaskId, first.UserId, first.SessionId));
        Assert.Equal((false, 0.9, 0.5), (first.Success, first.Confidence, first.QualityScore));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 10, 0, TimeSpan.Zero), first.Timestamp);
        Assert.Equal("boom", first.Payload.GetProperty("error_message").GetString());
        var second = reads[1].Event!;
        Assert.Equal((MemoryTriggerType.Workflow, Time.GetUtcNow()), (second.TriggerType, second.Timestamp));
        Assert.Matches("^[0-9a-f]{32}$", second.Id);
    }

    [Fact]
    public void Read_SameLineTwice_GivesTheSameDerivedId() =>
        Assert.Equal(
            TriggerEventReader.Read("{\"trigger_type\":\"task\"}").Single().Event!.Id,
            TriggerEventReader.Read("\n{\"trigger_type\":\"task\"}").Single().Event!.Id);

    [Fact]
    public void Read_JsonArray_ReadsEachElementWithItsLine()
    {
        var reads = TriggerEventReader.Read("[\n  {\"trigger_type\":\"agent\"},\n  {\"trigger_type\":\"nope\"}\n]", "events.json").ToList();

        Assert.Equal(MemoryTriggerType.Agent, reads[0].Event!.TriggerType);
        Assert.Equal((3, "$[1].trigger_type", TriggerEventIssueCodes.TriggerType), (reads[1].Issue!.Line, reads[1].Issue!.Path, reads[1].Issue!.Code));
    }

    [Theory]
    [InlineData("{\"trigger_type\":", TriggerEventIssueCodes.InvalidJson, "$")]
    [InlineData("[1]", TriggerEventIssueCodes.NotAnObject, "$[0]")]
    [InlineData("{\"payload\":{}}", TriggerEventIssueCodes.FieldRequired, "$.trigger_type")]
    [InlineData("{\"trigger_type\":\"eror\"}", TriggerEventIssueCodes.TriggerType, "$.trigger_type")]
    [InlineData("{\"trigger_type\":\"error\",\"confidence\":\"high\"}", TriggerEventIssueCodes.FieldType, "$.confidence")]
    [InlineData("{\"trigger_type\":\"error\",\"quality_score\":1.5}", TriggerEventIssueCodes.FieldRange, "$.quality_score")]
    [InlineData("{\"trigger_type\":\"error\",\"payload\":[1]}", TriggerEventIssueCodes.FieldType, "$.payload")]
    [InlineData("{\"trigger_type\":\"error\",\"timestamp\":\"yesterday\"}", TriggerEventIssueCodes.FieldType, "$.timestamp")]
    [InlineData("{\"trigger_type\":\"error\",\"error_message\":\"x\"}", TriggerEventIssueCodes.FieldUnknown, "$.error_message")]
    [InlineData("{\"trigger_type\":\"error\",\"id\":\" \"}", TriggerEventIssueCodes.FieldType, "$.id")]
    public void Read_BadEvent_ReportsCodePathAndLine(string text, string code, string path)
    {
        var read = TriggerEventReader.Read(text, "events.jsonl").Single();

        Assert.Null(read.Event);
        Assert.Equal((code, path, "events.jsonl", 1), (read.Issue!.Code, read.Issue.Path, read.Issue.File, read.Issue.Line));
    }

    [Theory]
    [InlineData("{\"id\":\"x\\ud800\",\"trigger_type\":\"error\"}", "$.id")]
    [InlineData("{\"trigger_type\":\"error\",\"payload\":{\"message\":[\"a\\udc00\"]}}", "$.payload.message[0]")]
    public void Read_UnpairedSurrogateEscape_IsAnIssueNotACrash(string text, string path)
    {
        var read = TriggerEventReader.Read(text, "events.jsonl").Single();

        Assert.Equal((TriggerEventIssueCodes.InvalidText, path), (read.Issue!.Code, read.Issue.Path));
    }

    [Fact]
    public void Read_PrettyPrintedSingleObject_ReadsOneEvent()
    {
        var reads = TriggerEventReader.Read("{\n  \"trigger_type\": \"agent\",\n  \"payload\": { \"message\": \"hi\" }\n}\n").ToList();

        Assert.Equal(MemoryTriggerType.Agent, Assert.Single(reads).Event!.TriggerType);
    }

    [Theory]
    [InlineData("1/2/2026")]
    [InlineData("tomorrow 3pm")]
    public void Read_TimestampThatIsNotIso8601_IsAnIssue(string timestamp) =>
        Assert.Equal(TriggerEventIssueCodes.FieldType, TriggerEventReader.Read($"{{\"trigger_type\":\"task\",\"timestamp\":\"{timestamp}\"}}").Single().Issue!.Code);

    [Fact]
    public void ReadFile_JsonLines_StreamsEveryLine()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, Enumerable.Range(0, 1000).Select(i => $"{{\"id\":\"e{i}\",\"trigger_type\":\"task\"}}").Append("{\"trigger_type\":"));

            var reads = TriggerEventReader.ReadFile(path).ToList();

            Assert.Equal(1000, reads.Count(r => r.Event is not null));
            Assert.Equal((1001, TriggerEventIssueCodes.InvalidJson), (reads[^1].Line, reads[^1].Issue!.Code));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_MisspelledTypeOrField_SuggestsTheClosest()
    {
        Assert.Contains("'error'", TriggerEventReader.Read("{\"trigger_type\":\"eror\"}").Single().Issue!.Suggestion);
        Assert.Contains("'user_id'", TriggerEventReader.Read("{\"trigger_type\":\"error\",\"userid\":\"u\"}").Single().Issue!.Suggestion);
    }

    [Property(MaxTest = 300)]
    public Property Read_ArbitraryText_NeverThrowsAndEveryLineIsAnEventOrAnIssue() =>
        Prop.ForAll(ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty).ToArbitrary(), text =>
        {
            var reads = TriggerEventReader.Read(text, "random.jsonl").ToList();
            return reads.All(r => (r.Event is null) != (r.Issue is null) && (r.Issue is null || r.Issue.Line >= 1));
        });

    [Property(MaxTest = 300)]
    public Property Read_MutatedValidLine_NeverThrows() =>
        Prop.ForAll(
            Gen.Choose(0, 200).Zip(ArbMap.Default.GeneratorFor<char>()).ToArbitrary(),
            mutation =>
            {
                const string valid = "{\"id\":\"e1\",\"trigger_type\":\"error\",\"confidence\":0.9,\"payload\":{\"error_message\":\"boom\"}}";
                var at = Math.Min(mutation.Item1, valid.Length - 1);
                var text = valid[..at] + mutation.Item2 + valid[(at + 1)..];
                var reads = TriggerEventReader.Read(text).ToList();
                return reads.All(r => (r.Event is null) != (r.Issue is null));
            });
}
