using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using MemoryTriggers.Configuration;
using MemoryTriggers.Runtime;

namespace MemoryTriggers.Tests.Runtime;

public sealed class TriggerEventJsonTests
{
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TriggerEvent ReadBack(string json)
    {
        using var document = JsonDocument.Parse(json);
        var read = TriggerEventReader.FromJson(document.RootElement);
        Assert.Null(read.Issue);
        return read.Event!;
    }

    private static bool Same(TriggerEvent a, TriggerEvent b) =>
        a.Id == b.Id
        && a.TriggerType == b.TriggerType
        && a.Timestamp.EqualsExact(b.Timestamp)
        && a.AgentId == b.AgentId
        && a.WorkflowId == b.WorkflowId
        && a.TaskId == b.TaskId
        && a.UserId == b.UserId
        && a.SessionId == b.SessionId
        && a.Success == b.Success
        && Nullable.Equals(a.Confidence, b.Confidence)
        && Nullable.Equals(a.QualityScore, b.QualityScore)
        && JsonElement.DeepEquals(a.Payload, b.Payload);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static Gen<JsonElement> Payloads()
    {
        var texts = ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty).Where(s => !s.Any(char.IsSurrogate));
        var values = Gen.OneOf(
            texts.Select(s => (object?)s),
            Gen.Choose(int.MinValue, int.MaxValue).Select(i => (object?)i),
            ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite).Select(d => (object?)d),
            Gen.Elements<object?>(true, false, null, new[] { 1, 2 }, new Dictionary<string, object?> { ["nested"] = "value", ["n"] = null }));
        return (from key in texts
                from value in values
                select (key, value))
            .ListOf()
            .Select(pairs =>
            {
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in pairs)
                {
                    map[key] = value;
                }

                return JsonSerializer.SerializeToElement(map);
            });
    }

    private static Gen<TriggerEvent> Events()
    {
        var text = ArbMap.Default.GeneratorFor<string>();
        var score = Gen.OneOf(
            Gen.Constant<double?>(null),
            Gen.Elements<double?>(0, 1, 0.1, 1e-300),
            Gen.Choose(0, int.MaxValue).Select(i => (double?)(i / (double)int.MaxValue)),
            ArbMap.Default.GeneratorFor<double>().Select(d => (double?)d));
        return from id in text
               from type in Gen.Elements(Enum.GetValues<MemoryTriggerType>())
               from minutes in Gen.Choose(0, 60_000_000)
               from subMinute in Gen.Choose(0, (int)TimeSpan.TicksPerMinute - 1)
               from offset in Gen.Choose(-14 * 60, 14 * 60)
               from agent in text
               from workflow in text
               from task in text
               from user in text
               from session in text
               from success in Gen.Elements<bool?>(null, true, false)
               from confidence in score
               from quality in score
               from payload in Payloads()
               select new TriggerEvent
               {
                   Id = id ?? "generated",
                   TriggerType = type,
                   Timestamp = new DateTimeOffset(Epoch.Ticks + (minutes * TimeSpan.TicksPerMinute) + subMinute, TimeSpan.FromMinutes(offset)),
                   AgentId = agent,
                   WorkflowId = workflow,
                   TaskId = task,
                   UserId = user,
                   SessionId = session,
                   Success = success,
                   Confidence = confidence,
                   QualityScore = quality,
                   Payload = payload,
               };
    }

    [Fact]
    public void Serialize_AnyEvent_ReadsBackTheSameEventOrRefusesWithTheReason()
    {
        Prop.ForAll(Events().ToArbitrary(), e =>
        {
            if (TriggerEventJson.Problem(e) is { } problem)
            {
                var thrown = Assert.Throws<ArgumentException>(() => TriggerEventJson.Serialize(e));
                return thrown.Message.StartsWith(problem, StringComparison.Ordinal);
            }

            var json = TriggerEventJson.Serialize(e);
            return !json.Contains('\n', StringComparison.Ordinal) && Same(e, ReadBack(json));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Serialize_EveryField_KeepsNullsPayloadAndTimestampExactly()
    {
        var e = new TriggerEvent
        {
            Id = "evt-\u00e9\U0001F600",
            TriggerType = MemoryTriggerType.Error,
            Timestamp = new DateTimeOffset(2026, 11, 24, 9, 15, 0, TimeSpan.FromHours(-5)).AddTicks(1234567),
            AgentId = "agent",
            SessionId = string.Empty,
            Success = false,
            Confidence = 0.1 + 0.2,
            Payload = Json("""{"message":"x\u0000y","n":1.50,"big":12345678901234567890,"nested":{"a":[null,true]},"none":null}"""),
        };

        var back = ReadBack(TriggerEventJson.Serialize(e));

        Assert.True(Same(e, back));
        Assert.Equal(TimeSpan.FromHours(-5), back.Timestamp.Offset);
        Assert.Equal(e.Timestamp.Ticks, back.Timestamp.Ticks);
        Assert.Null(back.WorkflowId);
        Assert.Null(back.QualityScore);
        Assert.Equal(string.Empty, back.SessionId);
        Assert.Equal(0.1 + 0.2, back.Confidence);
        Assert.Equal("1.50", back.Payload.GetProperty("n").GetRawText());
        Assert.Equal("12345678901234567890", back.Payload.GetProperty("big").GetRawText());
        Assert.Equal(JsonValueKind.Null, back.Payload.GetProperty("none").ValueKind);
    }

    [Theory]
    [InlineData(" ", null, "'id'")]
    [InlineData("a", double.NaN, "'confidence'")]
    [InlineData("a", 1.5, "'confidence'")]
    [InlineData("a", -0.01, "'confidence'")]
    public void Problem_EventThatCannotBeReadBack_NamesTheField(string id, double? confidence, string field)
    {
        var e = new TriggerEvent { Id = id, TriggerType = MemoryTriggerType.Task, Timestamp = Epoch, Confidence = confidence };

        Assert.Contains(field, TriggerEventJson.Problem(e), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TriggerEventJson.Serialize(e));
    }

    [Fact]
    public void Problem_PayloadNotAnObjectOrUnpairedSurrogate_NamesTheField()
    {
        var array = new TriggerEvent { Id = "a", TriggerType = MemoryTriggerType.Task, Timestamp = Epoch, Payload = Json("[1]") };
        var surrogate = new TriggerEvent { Id = "a", TriggerType = MemoryTriggerType.Task, Timestamp = Epoch, UserId = "\ud800" };

        Assert.Contains("'payload'", TriggerEventJson.Problem(array), StringComparison.Ordinal);
        Assert.Contains("'user_id'", TriggerEventJson.Problem(surrogate), StringComparison.Ordinal);
        Assert.Null(TriggerEventJson.Problem(surrogate with { UserId = "\ud83d\ude00" }));
    }

    [Fact]
    public void Write_ToAWriter_WritesTheSameJsonAsSerialize()
    {
        var e = new TriggerEvent { Id = "a", TriggerType = MemoryTriggerType.Workflow, Timestamp = Epoch, Payload = Json("""{"k":"v"}""") };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            TriggerEventJson.Write(writer, e);
        }

        Assert.Equal(TriggerEventJson.Serialize(e), Encoding.UTF8.GetString(stream.ToArray()));
    }
}
