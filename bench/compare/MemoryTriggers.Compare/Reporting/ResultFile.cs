namespace MemoryTriggers.Compare.Reporting;

/// <summary>One harness run's result JSON (PROTOCOL.md); a measurement the engine could not take is null.</summary>
internal sealed record ResultFile
{
    /// <summary>Gets the file the result was read from.</summary>
    public required string Source { get; init; }

    /// <summary>Gets the engine name (<c>ours</c> for our engine).</summary>
    public required string Engine { get; init; }

    /// <summary>Gets the engine version.</summary>
    public string EngineVersion { get; init; } = "";

    /// <summary>Gets the runtime description.</summary>
    public string Runtime { get; init; } = "";

    /// <summary>Gets the rule set name (<c>rules-30</c>).</summary>
    public required string Rules { get; init; }

    /// <summary>Gets the number of rules the engine loaded.</summary>
    public int RuleCount { get; init; }

    /// <summary>Gets the event variant (<c>fixed</c> or <c>varied</c>).</summary>
    public required string Variant { get; init; }

    /// <summary>Gets the run number.</summary>
    public int Run { get; init; }

    /// <summary>Gets the number of events of the correctness pass.</summary>
    public int CheckedEvents { get; init; }

    /// <summary>Gets the SHA-256 of the harness's match lines.</summary>
    public required string MatchesSha256 { get; init; }

    /// <summary>Gets load + compile + first evaluation, in milliseconds.</summary>
    public double? ColdStartMs { get; init; }

    /// <summary>Gets the single-thread throughput in events per second.</summary>
    public double? ThroughputEps { get; init; }

    /// <summary>Gets the bytes allocated per event.</summary>
    public double? BytesPerEvent { get; init; }

    /// <summary>Gets the median latency in nanoseconds.</summary>
    public double? LatencyP50Ns { get; init; }

    /// <summary>Gets the 99th percentile latency in nanoseconds.</summary>
    public double? LatencyP99Ns { get; init; }

    /// <summary>Gets the 99.9th percentile latency in nanoseconds.</summary>
    public double? LatencyP999Ns { get; init; }

    /// <summary>Gets the throughput of two threads (or workers) sharing one engine.</summary>
    public double? TwoThreadEps { get; init; }

    /// <summary>Gets the throughput of parsing and evaluating.</summary>
    public double? EndToEndEps { get; init; }

    /// <summary>Gets the engine-specific measurements, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Extra { get; init; } = [];
}
