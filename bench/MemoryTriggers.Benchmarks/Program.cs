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
/// dictionary, JSON and YAML-loaded forms agree, and exits without benchmarking.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--workload"))
        {
            return DescribeWorkload();
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

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
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

    private static IEnumerable<PolicyCondition> Flatten(IEnumerable<PolicyCondition> conditions) =>
        conditions.SelectMany(c => Flatten(c.SubConditions).Prepend(c));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
