using MemoryTriggers.Compare.Reporting;

namespace MemoryTriggers.Compare.Tests.Reporting;

public sealed class ResultReaderTests
{
    private const string Result = """
        { "engine": "json-rules-engine", "engine_version": "7.3.1", "runtime": "Node v20.11.0",
          "rules": "rules-300", "rule_count": 300, "variant": "varied", "run": 2,
          "cold_start_ms": 12.5, "checked_events": 3400, "matches_sha256": "abc",
          "throughput_eps": 310.5, "bytes_per_event": null,
          "latency_ns": { "p50": 800, "p99": 2000, "p999": 9000 },
          "two_thread_eps": 600, "end_to_end_eps": 290,
          "extra": { "explain_eps": 200, "skipped": null } }
        """;

    [Fact]
    public void Parse_ProtocolResult_ReadsEveryField()
    {
        var result = ResultReader.Parse(Result, "r.json");

        Assert.Equal(("json-rules-engine", "7.3.1", "Node v20.11.0"), (result.Engine, result.EngineVersion, result.Runtime));
        Assert.Equal(("rules-300", 300, "varied", 2), (result.Rules, result.RuleCount, result.Variant, result.Run));
        Assert.Equal((3400, "abc"), (result.CheckedEvents, result.MatchesSha256));
        Assert.Equal(12.5, result.ColdStartMs);
        Assert.Null(result.BytesPerEvent);
        Assert.Equal((800.0, 2000.0, 9000.0), (result.LatencyP50Ns!.Value, result.LatencyP99Ns!.Value, result.LatencyP999Ns!.Value));
        Assert.Equal([new KeyValuePair<string, double>("explain_eps", 200)], result.Extra);
    }

    [Theory]
    [InlineData("{", "r.json: not valid JSON")]
    [InlineData("[]", "r.json: the root must be an object")]
    [InlineData("{\"rules\":\"rules-30\",\"variant\":\"fixed\",\"checked_events\":1,\"matches_sha256\":\"a\"}", "r.json: 'engine' must be a string")]
    [InlineData("{\"engine\":\"x\",\"rules\":\"rules-30\",\"variant\":\"fixed\",\"matches_sha256\":\"a\"}", "r.json: 'checked_events' is required")]
    [InlineData("{\"engine\":\"x\",\"rules\":\"rules-30\",\"variant\":\"fixed\",\"checked_events\":1,\"matches_sha256\":\"a\",\"throughput_eps\":\"fast\"}", "r.json: 'throughput_eps' must be a number or null")]
    [InlineData("{\"engine\":\"x\",\"rules\":\"rules-30\",\"variant\":\"fixed\",\"checked_events\":1,\"matches_sha256\":\"a\",\"extra\":[1]}", "r.json: 'extra' must be an object of numbers")]
    public void Parse_BadResult_ThrowsNamingTheFileAndField(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => ResultReader.Parse(json, "r.json"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
