using BenchmarkDotNet.Attributes;
using MemoryTriggers.Benchmarks.Workload;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Benchmarks;

/// <summary>
/// Building an engine (compiling 3,000 rules: paths, operands, regexes, templates, the event_type index) and
/// loading a 300-rule policy file from YAML text (parse, read, build the set; no compile).
/// </summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private PolicySet _rules3000 = PolicySet.Empty;
    private string _yaml300 = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _rules3000 = RuleSetGenerator.ToPolicySet(RuleSetGenerator.Rules(3000));
        _yaml300 = PolicyYamlWriter.Write(RuleSetGenerator.ToPolicySet(RuleSetGenerator.Rules(300)));
        Check.Compiled(Compile3000Rules());
        var loaded = LoadYaml300Rules();
        Check.That(loaded.Valid && loaded.Policies.Rules.Count == 300, "the generated YAML does not load as 300 valid rules: "
            + string.Join("; ", loaded.Issues.Take(3).Select(i => i.ToString())));
    }

    [Benchmark]
    public PolicyEngine Compile3000Rules() => new(_rules3000);

    [Benchmark]
    public PolicyLoadResult LoadYaml300Rules() => PolicyLoader.LoadFromString(_yaml300, "bench-300.yaml");
}
