using System.Diagnostics;
using System.Globalization;
using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Reload;
using MemoryTriggers.Memory.Backends;
using MemoryTriggers.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryTriggers.Benchmarks.Latency;

/// <summary>
/// The <c>--latency reload</c> mode: how long after a configuration edit is written (atomically, as deploy writes) the
/// new configuration is in force (the config manager's default 200 ms debounce included), and whether a reload stalls
/// event processing: events run continuously through <see cref="MemoryTriggerService"/> on another thread while the
/// edits happen, each timed; latencies within 500 ms after an edit are compared with the rest.
/// </summary>
internal static class ReloadLatency
{
    public static async Task<int> RunAsync(int edits)
    {
        var directory = Directory.CreateTempSubdirectory("mt-reload-bench-").FullName;
        try
        {
            var root = Workload.RepositoryRoot.Path;
            var policies = Path.Combine(directory, "policies");
            Directory.CreateDirectory(policies);
            foreach (var file in Directory.GetFiles(Path.Combine(root, "examples", "policies")))
            {
                File.Copy(file, Path.Combine(policies, Path.GetFileName(file)));
            }

            var configPath = Path.Combine(directory, "config.yaml");
            var preset = EnvironmentPresets.GetYaml(Configuration.Environment.Development).Replace("./dev_memory_storage/", Path.Combine(directory, "store") + "/", StringComparison.Ordinal);
            File.WriteAllText(configPath, preset);
            await using var manager = new MemoryTriggerConfigManager(new MemoryTriggerConfigManagerOptions { ConfigPath = configPath, PolicyDirectory = policies });
            await using var store = await MemoryStoreFactory.CreateDefault(TimeProvider.System, NullLoggerFactory.Instance).OpenAsync(manager.Config);
            using var service = new MemoryTriggerService(manager.Config, manager.Policies, store);
            var applied = new SemaphoreSlim(0);
            manager.Reloaded += (_, e) =>
            {
                service.Apply(e.Current.Config, e.Current.Policies);
                applied.Release();
            };

            var examples = TriggerEventReader.ReadFile(Path.Combine(root, "examples", "events", "agent-events.jsonl")).Select(r => r.Event!).ToList();
            using var stop = new CancellationTokenSource();
            var samples = new List<(long At, double Ms)>();
            var load = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var e = examples[i % examples.Count] with { Id = "r" + i.ToString(CultureInfo.InvariantCulture) };
                    var start = Stopwatch.GetTimestamp();
                    await service.ProcessAsync(e);
                    samples.Add((start, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
                }
            });

            await Task.Delay(1_000);
            var delays = new List<double>();
            var editTimes = new List<long>();
            for (var edit = 0; edit < edits; edit++)
            {
                var text = preset.Replace("batch_size: 10", "batch_size: " + (11 + edit).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                var temporary = configPath + ".tmp";
                File.WriteAllText(temporary, text);
                var written = Stopwatch.GetTimestamp();
                File.Move(temporary, configPath, overwrite: true);
                editTimes.Add(written);
                if (!await applied.WaitAsync(TimeSpan.FromSeconds(10)))
                {
                    Console.Error.WriteLine($"edit {edit} was not applied within 10 s");
                    return 1;
                }

                delays.Add(Stopwatch.GetElapsedTime(written).TotalMilliseconds);
                await Task.Delay(700);
            }

            await stop.CancelAsync();
            await load;
            delays.Sort();
            var window = Stopwatch.Frequency / 2;
            var near = samples.Where(s => editTimes.Any(t => s.At >= t && s.At - t < window)).Select(s => s.Ms).Order().ToList();
            var far = samples.Where(s => !editTimes.Any(t => s.At >= t && s.At - t < window)).Select(s => s.Ms).Order().ToList();
            Console.WriteLine(Invariant($"reload: {edits} atomic edits of the configuration while events run; from the write to the new configuration in force (200 ms debounce included):"));
            Console.WriteLine(Invariant($"  median {delays[delays.Count / 2]:F0} ms, min {delays[0]:F0} ms, max {delays[^1]:F0} ms; {manager.ReloadCount} reloads, {manager.FailedReloadCount} failed"));
            Console.WriteLine(Invariant($"  event latency within 500 ms after an edit: n={near.Count}, p50 {Pick(near, 0.50):F3} ms, p99 {Pick(near, 0.99):F3} ms, max {(near.Count > 0 ? near[^1] : 0):F3} ms"));
            Console.WriteLine(Invariant($"  event latency otherwise:                   n={far.Count}, p50 {Pick(far, 0.50):F3} ms, p99 {Pick(far, 0.99):F3} ms, max {(far.Count > 0 ? far[^1] : 0):F3} ms"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static double Pick(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(quantile * sorted.Count))];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
