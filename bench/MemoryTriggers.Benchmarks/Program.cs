using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using MemoryTriggers.Benchmarks.Workload;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Benchmarks;

/// <summary>
/// Runs the benchmarks through <see cref="BenchmarkSwitcher"/> (all BenchmarkDotNet arguments work, e.g.
/// <c>--filter '*Match*'</c>). Extra arguments: <c>--quick</c> uses a short job (1 launch, 3 warm-ups,
/// 3 iterations); <c>--no-warnaserror</c> builds the benchmark's generated project (and so the library) with
/// TreatWarningsAsErrors=false, for when a half-finished change elsewhere raises a warning; <c>--workload</c> prints what the generated rules and events look like, checks that
/// dictionary, JSON and YAML-loaded forms agree, and exits without benchmarking; <c>--latency</c> measures per-call
/// latency distributions of the memory stores and the mem0 client instead (see <see cref="RunLatency"/>);
/// <c>--instructions-slice [--events N] [--rules R]</c> runs the fixed slice that bench/instructions.sh counts with callgrind.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--workload"))
        {
            return DescribeWorkload();
        }

        if (args.Contains("--instructions-slice"))
        {
            return Instructions.InstructionSlice.Run(IntOption(args, "--events", 5_000), IntOption(args, "--rules", 300));
        }

        if (Array.IndexOf(args, "--latency") is var latency and >= 0)
        {
            return RunLatency(args.Skip(latency + 1).ToArray()).GetAwaiter().GetResult();
        }

        var quick = args.Contains("--quick");
        var lenient = args.Contains("--no-warnaserror");
        var rest = args.Where(a => a is not ("--quick" or "--no-warnaserror")).ToArray();
        IConfig config = DefaultConfig.Instance
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
            .WithArtifactsPath(DefaultArtifactsPath());
        var job = quick ? Job.ShortRun.WithId("Quick") : Job.Default;
        if (lenient)
        {
            job = job.WithArguments([new MsBuildArgument("/p:TreatWarningsAsErrors=false")]);
        }

        if (quick || lenient)
        {
            config = config.AddJob(job);
        }

        // The comparison workload's files are generated, not committed: its class runs only when they are named.
        var types = typeof(Program).Assembly.GetTypes().Where(t => t.IsPublic && !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false)));
        if (ComparisonWorkloadBenchmarks.DataDirectory is null)
        {
            types = types.Where(t => t != typeof(ComparisonWorkloadBenchmarks));
        }

        var summaries = BenchmarkSwitcher.FromTypes([.. types]).Run(rest, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary>bench/BenchmarkDotNet.Artifacts (ignored by bench/.gitignore) wherever the command is run from; --artifacts overrides it.</summary>
    private static string DefaultArtifactsPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MemoryTriggers.Benchmarks.csproj")) && directory.Parent is { } bench)
            {
                return Path.Combine(bench.FullName, "BenchmarkDotNet.Artifacts");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");
    }

    private static int DescribeWorkload()
    {
        var ok = true;
        foreach (var size in new[] { 30, 300, 3000 })
        {
            var rules = RuleSetGenerator.Rules(size);
            var leaves = rules.Select(r => r.Leaves).ToArray();
            var top = rules.Select(r => r.Rule.Conditions.Count).ToArray();
            var types = rules.SelectMany(r => Flatten(r.Rule.Conditions)).GroupBy(c => c.Type).OrderByDescending(g => g.Count())
                .Select(g => $"{g.Key} {g.Count()}");
            Console.WriteLine(Invariant($"{size} rules: leaf conditions {leaves.Min()}-{leaves.Max()} (mean {leaves.Average():F2}), top-level {top.Min()}-{top.Max()} (mean {top.Average():F2}), rules with a composite {rules.Count(r => r.Composites > 0)}, max depth {rules.Max(r => r.MaxDepth)}, per event type {string.Join('/', rules.GroupBy(r => r.EventType).Select(g => g.Count()))}"));
            Console.WriteLine("  condition nodes: " + string.Join(", ", types));
            if (size == 3000)
            {
                continue;
            }

            var workload = PolicyWorkload.Create(size);
            var engine = new PolicyEngine(workload.Policies);
            var counts = workload.MatchCounts(engine);
            var fields = workload.Events.Select(e => e.Count).ToArray();
            Console.WriteLine(Invariant($"  {workload.Events.Length} events, top-level fields {fields.Min()}-{fields.Max()}; rules matched per event: {string.Join(", ", counts.GroupBy(c => c).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()} events"))}"));
            Console.WriteLine(Invariant($"  no-rule event #{workload.NoMatchEvent(counts)}, single-match event #{workload.SingleMatchEvent(counts)}"));

            var matched = new List<string>();
            var json = workload.JsonEvents.Select(e =>
            {
                matched.Clear();
                return engine.Match(e, matched);
            }).ToArray();
            var loaded = PolicyLoader.LoadFromString(PolicyYamlWriter.Write(workload.Policies));
            var fromYaml = new PolicyEngine(loaded.Policies);
            var yaml = workload.MatchCounts(fromYaml);
            var agree = counts.SequenceEqual(json) && counts.SequenceEqual(yaml) && loaded.Valid && engine.CompilationIssues.Count == 0;
            Console.WriteLine($"  dictionary, JSON and YAML-loaded rules agree on every event: {agree}");
            ok &= agree;
        }

        return ok ? 0 : 1;
    }

    /// <summary>
    /// <c>--latency [recall] [create] [mem0] [process] [--count N] [--memories N]</c>: per-call Stopwatch distributions
    /// (recall, create and mem0 when none is named); process: events per second end to end (default 100,000 events);
    /// reload: time from a configuration edit to the new configuration in force, over --count edits (default 21), under load. recall: N recalls (default 20,000) over a store of --memories (default 100,000);
    /// create: creates per second for N (default 20,000) new memories per batch size; mem0: N calls (default 20,000)
    /// per operation, raw HttpClient and Mem0Client interleaved, against a loopback stand-in.
    /// </summary>
    private static async Task<int> RunLatency(string[] args)
    {
        int Option(string name, int fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var modes = args.Where(a => a is "recall" or "create" or "mem0" or "process" or "reload").ToList();
        if (modes.Count == 0)
        {
            modes = ["create", "recall", "mem0"];
        }

        var status = 0;
        foreach (var mode in modes)
        {
            status |= mode switch
            {
                "recall" => await Latency.MemoryStoreLatency.RecallAsync(Option("--memories", 100_000), Option("--count", 20_000)),
                "create" => await Latency.MemoryStoreLatency.CreateAsync(Option("--count", 20_000), [0, 10, 25, 40, 50, 100, 500]),
                "process" => await Latency.ProcessThroughput.RunAsync(Option("--count", 100_000)),
                "reload" => await Latency.ReloadLatency.RunAsync(Option("--count", 21)),
                _ => await Latency.Mem0Latency.RunAsync(Option("--count", 20_000)),
            };
        }

        return status;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static IEnumerable<PolicyCondition> Flatten(IEnumerable<PolicyCondition> conditions) =>
        conditions.SelectMany(c => Flatten(c.SubConditions).Prepend(c));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
