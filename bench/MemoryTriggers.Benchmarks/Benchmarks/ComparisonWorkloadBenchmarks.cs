using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MemoryTriggers.Actions.Executors;
using MemoryTriggers.Policies;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryTriggers.Benchmarks;

/// <summary>
/// The policy engine on the side-by-side comparison's own files (bench/compare/PROTOCOL.md): our YAML rules and the
/// JSON event streams written by <c>MemoryTriggers.Compare generate --out DIR</c>, the events parsed once into
/// <see cref="JsonElement"/> contexts (the product's real input). Runs only when the environment variable
/// <see cref="DataVariable"/> names such a directory. Setup checks the matches of every event used against the
/// generator's expected match lines, so a figure is only reported for correct answers.
/// </summary>
[MemoryDiagnoser]
public class ComparisonWorkloadBenchmarks
{
    /// <summary>The environment variable naming the generated data directory.</summary>
    public const string DataVariable = "MEMORYTRIGGERS_COMPARE_DATA";

    /// <summary>The number of events <see cref="Match"/> runs per invocation (the first ones of the stream).</summary>
    public const int EventCount = 4096;

    /// <summary>The number of events the other benchmarks run per invocation: the first of those events that match no rule, or exactly one.</summary>
    public const int SampleCount = 256;

    private static readonly EvaluationOptions s_dryRun = new() { DryRun = true };
    private readonly List<string> _matched = new(64);
    private PolicyEngine _engine = null!;
    private PolicyContext[] _events = [];
    private PolicyContext[] _noMatch = [];
    private PolicyContext[] _singleMatch = [];

    /// <summary>Gets or sets the rule set size.</summary>
    [Params(30, 300)]
    public int Rules { get; set; }

    /// <summary>Gets or sets the event stream: one shape, or optional fields varying over 20–50 shapes.</summary>
    [Params("fixed", "varied")]
    public string Variant { get; set; } = "fixed";

    /// <summary>Gets the data directory, or null when the variable is not set.</summary>
    public static string? DataDirectory => Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } directory ? directory : null;

    [GlobalSetup]
    public void Setup()
    {
        var directory = DataDirectory ?? throw new InvalidOperationException($"set {DataVariable} to a directory written by MemoryTriggers.Compare generate");
        var loaded = PolicyLoader.LoadFile(Path.Combine(directory, "ours", $"rules-{Rules}.yaml"));
        Check.That(loaded.Valid, "the rules do not load: " + string.Join("; ", loaded.Issues.Take(3)));
        _engine = new PolicyEngine(loaded.Policies, new PolicyEngineOptions { Executors = [new LogEventExecutor(NullLogger.Instance)] });
        Check.Compiled(_engine);

        // The documents stay alive for the whole run: the contexts read them in place.
        _events = [.. File.ReadLines(Path.Combine(directory, $"events-{Variant}.jsonl")).Take(EventCount).Select(line => new PolicyContext(JsonDocument.Parse(line).RootElement))];
        var expected = File.ReadLines(Path.Combine(directory, "expected", $"rules-{Rules}.{Variant}.matches")).Take(EventCount).ToArray();
        Check.That(_events.Length == EventCount && expected.Length == EventCount, $"fewer than {EventCount} events or expected lines");
        var counts = new int[_events.Length];
        for (var i = 0; i < _events.Length; i++)
        {
            _matched.Clear();
            counts[i] = _engine.Match(_events[i], _matched);
            _matched.Sort(StringComparer.Ordinal);
            var line = $"{i}\t{string.Join(',', _matched)}";
            Check.That(line == expected[i], $"event {i} matches '{line}', the reference '{expected[i]}'");
        }

        _noMatch = [.. _events.Where((_, i) => counts[i] == 0).Take(SampleCount)];
        _singleMatch = [.. _events.Where((_, i) => counts[i] == 1).Take(SampleCount)];
        Check.That(_noMatch.Length == SampleCount && _singleMatch.Length == SampleCount, $"fewer than {SampleCount} events that match no rule, or exactly one");
        var decision = _engine.ExecuteRules(_singleMatch[0], s_dryRun);
        Check.That(decision.FiredRules.Count() == 1 && decision.Results.Single().Actions.Single().Status == ActionStatus.Planned, "a dry run did not plan exactly one action");
        decision = _engine.ExecuteRules(_singleMatch[0]);
        Check.That(decision.FiredRules.Count() == 1 && decision.Results.Single().Actions.Single().Status == ActionStatus.Succeeded, "a real run did not run exactly one action");
    }

    /// <summary>Match over the first <see cref="EventCount"/> events; reported per event.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public int Match() => MatchAll(_events);

    /// <summary>Match over events that match no rule (the allocation-free path); reported per event.</summary>
    [Benchmark(OperationsPerInvoke = SampleCount)]
    public int MatchNoRule() => MatchAll(_noMatch);

    private int MatchAll(PolicyContext[] events)
    {
        var total = 0;
        foreach (var context in events)
        {
            _matched.Clear();
            total += _engine.Match(context, _matched);
        }

        return total;
    }

    /// <summary>ExecuteRules as a dry run over events that fire exactly one rule (its log_event action is planned); per event.</summary>
    [Benchmark(OperationsPerInvoke = SampleCount)]
    public int ExecuteDryRun()
    {
        var total = 0;
        foreach (var context in _singleMatch)
        {
            total += _engine.ExecuteRules(context, s_dryRun).Results.Count;
        }

        return total;
    }

    /// <summary>ExecuteRules for real over the same events: the log_event executor runs (to a null logger); per event.</summary>
    [Benchmark(OperationsPerInvoke = SampleCount)]
    public int ExecuteReal()
    {
        var total = 0;
        foreach (var context in _singleMatch)
        {
            total += _engine.ExecuteRules(context).Results.Count;
        }

        return total;
    }
}
