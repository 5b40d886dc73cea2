using System.Text.Json;

namespace MemoryTriggers.Compare.Harness;

/// <summary>What one harness run measured; written as the result JSON of PROTOCOL.md.</summary>
public sealed class HarnessResult
{
    /// <summary>Gets or sets the engine name.</summary>
    public required string Engine { get; init; }

    /// <summary>Gets or sets the engine version.</summary>
    public required string EngineVersion { get; init; }

    /// <summary>Gets or sets the runtime description.</summary>
    public required string Runtime { get; init; }

    /// <summary>Gets or sets the rules file name without extension (e.g. "rules-30").</summary>
    public required string Rules { get; init; }

    /// <summary>Gets or sets the event variant.</summary>
    public required string Variant { get; init; }

    /// <summary>Gets or sets the run number.</summary>
    public int Run { get; init; }

    /// <summary>Gets or sets the number of rules the engine loaded.</summary>
    public int RuleCount { get; set; }

    /// <summary>Gets or sets load + compile + first evaluation, in milliseconds.</summary>
    public double ColdStartMs { get; set; }

    /// <summary>Gets or sets the number of events of the correctness pass.</summary>
    public int CheckedEvents { get; set; }

    /// <summary>Gets or sets the SHA-256 of the match lines.</summary>
    public string MatchesSha256 { get; set; } = "";

    /// <summary>Gets or sets the single-thread throughput in events per second.</summary>
    public double ThroughputEps { get; set; }

    /// <summary>Gets or sets the bytes allocated per event during the throughput phase (null when unknown).</summary>
    public double? BytesPerEvent { get; set; }

    /// <summary>Gets or sets the per-event latency percentiles in nanoseconds (p50, p99, p999).</summary>
    public (double P50, double P99, double P999) LatencyNs { get; set; }

    /// <summary>Gets or sets the throughput of two threads sharing one engine.</summary>
    public double TwoThreadEps { get; set; }

    /// <summary>Gets or sets the throughput of parsing the JSON line and evaluating.</summary>
    public double EndToEndEps { get; set; }

    /// <summary>Gets the engine-specific measurements.</summary>
    public Dictionary<string, double> Extra { get; } = new(StringComparer.Ordinal);

    /// <summary>Writes the result JSON to <paramref name="path"/>.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("engine", Engine);
        json.WriteString("engine_version", EngineVersion);
        json.WriteString("runtime", Runtime);
        json.WriteString("rules", Rules);
        json.WriteNumber("rule_count", RuleCount);
        json.WriteString("variant", Variant);
        json.WriteNumber("run", Run);
        json.WriteNumber("cold_start_ms", Math.Round(ColdStartMs, 3));
        json.WriteNumber("checked_events", CheckedEvents);
        json.WriteString("matches_sha256", MatchesSha256);
        json.WriteNumber("throughput_eps", Math.Round(ThroughputEps, 1));
        if (BytesPerEvent is { } bytes)
        {
            json.WriteNumber("bytes_per_event", Math.Round(bytes, 1));
        }
        else
        {
            json.WriteNull("bytes_per_event");
        }

        json.WriteStartObject("latency_ns");
        json.WriteNumber("p50", Math.Round(LatencyNs.P50));
        json.WriteNumber("p99", Math.Round(LatencyNs.P99));
        json.WriteNumber("p999", Math.Round(LatencyNs.P999));
        json.WriteEndObject();
        json.WriteNumber("two_thread_eps", Math.Round(TwoThreadEps, 1));
        json.WriteNumber("end_to_end_eps", Math.Round(EndToEndEps, 1));
        json.WriteStartObject("extra");
        foreach (var (name, value) in Extra)
        {
            json.WriteNumber(name, Math.Round(value, 3));
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
