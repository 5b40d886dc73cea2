using System.Diagnostics;
using System.Globalization;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory.Backends;
using MemoryTriggers.Policies;
using MemoryTriggers.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryTriggers.Benchmarks.Latency;

/// <summary>
/// The <c>--latency process</c> mode: events per second through <see cref="MemoryTriggerService"/> end to end (gates,
/// trigger policies, rules, actions, a local SQLite store in a temporary directory), with the development preset and
/// the example policies, on the example events cycled with distinct ids, agents and users. A second workload raises
/// every limit (trigger policy rates and cooldowns, memory operations per second) so each event reaches the rules and
/// the store.
/// </summary>
internal static class ProcessThroughput
{
    public static async Task<int> RunAsync(int count, int runs = 3)
    {
        var root = Workload.RepositoryRoot.Path;
        var policies = PolicyLoader.LoadDirectory(Path.Combine(root, "examples", "policies"));
        if (policies.Issues.Any(i => i.IsError))
        {
            Console.Error.WriteLine("the example policies have errors");
            return 1;
        }

        var examples = TriggerEventReader.ReadFile(Path.Combine(root, "examples", "events", "agent-events.jsonl")).Select(r => r.Event!).ToList();
        var events = Enumerable.Range(0, count).Select(i =>
        {
            var e = examples[i % examples.Count];
            return e with
            {
                Id = "b" + i.ToString(CultureInfo.InvariantCulture),
                AgentId = e.AgentId is null ? null : $"{e.AgentId}-{i % 500}",
                UserId = e.UserId is null ? null : $"user-{i % 1000}",
            };
        }).ToList();
        var preset = EnvironmentPresets.Get(Configuration.Environment.Development);
        var unlimited = preset with
        {
            MaxMemoryOperationsPerSecond = 1_000_000,
            TriggerPolicies = ValueMap<TriggerPolicyConfig>.From(preset.TriggerPolicies.Select(p =>
                new KeyValuePair<string, TriggerPolicyConfig>(p.Key, p.Value with { MaxTriggersPerMinute = 10_000_000, CooldownPeriodSeconds = 0 }))),
        };
        Console.WriteLine(Invariant($"process throughput: {count:N0} events (the {examples.Count} example events cycled), {runs} runs each, sequential ProcessAsync, fresh SQLite store per run"));
        foreach (var (name, config) in new[] { ("development preset", preset), ("limits raised", unlimited) })
        {
            var rates = new List<double>();
            string outcomes = string.Empty;
            for (var run = 0; run < runs; run++)
            {
                var (rate, summary) = await RunOnceAsync(config, policies.Policies, events);
                rates.Add(rate);
                outcomes = summary;
            }

            rates.Sort();
            Console.WriteLine(Invariant($"  {name,-20} median {rates[runs / 2],9:N0} events/s  (min {rates[0]:N0}, max {rates[^1]:N0})  {outcomes}"));
        }

        return 0;
    }

    private static async Task<(double Rate, string Summary)> RunOnceAsync(MemoryTriggerConfig config, PolicySet policies, List<TriggerEvent> events)
    {
        var directory = Directory.CreateTempSubdirectory("mt-process-bench-").FullName;
        try
        {
            var settings = ValueMap<object?>.From(config.Backend.BackendSettings.Where(s => s.Key != "local_storage_path")
                .Append(new KeyValuePair<string, object?>("local_storage_path", Path.Combine(directory, "memory-triggers.db"))));
            config = config with { Backend = config.Backend with { BackendSettings = settings } };
            await using var store = await MemoryStoreFactory.CreateDefault(TimeProvider.System, NullLoggerFactory.Instance).OpenAsync(config);
            using (var warmUp = new MemoryTriggerService(config, policies, store))
            {
                foreach (var e in events.Take(2_000))
                {
                    await warmUp.ProcessAsync(e with { Id = "w" + e.Id });
                }
            }

            using var service = new MemoryTriggerService(config, policies, store);
            var processed = 0;
            var started = Stopwatch.GetTimestamp();
            foreach (var e in events)
            {
                processed += (await service.ProcessAsync(e)).Outcome == TriggerOutcome.Processed ? 1 : 0;
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var stats = await store.GetStatsAsync();
            return (events.Count / elapsed.TotalSeconds, Invariant($"{processed:N0} processed, {events.Count - processed:N0} gated, {stats.Total:N0} memories in the store"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
