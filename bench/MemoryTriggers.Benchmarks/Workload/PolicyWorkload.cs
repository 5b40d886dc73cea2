using System.Text.Json;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Benchmarks.Workload;

/// <summary>The rules and events of one benchmark size, built from the fixed seed.</summary>
internal sealed class PolicyWorkload
{
    /// <summary>The number of events each Match benchmark runs per invocation (results are per event).</summary>
    public const int EventCount = 512;

    private PolicyWorkload(int ruleCount)
    {
        Rules = RuleSetGenerator.Rules(ruleCount);
        Policies = RuleSetGenerator.ToPolicySet(Rules);
        Events = RuleSetGenerator.Events(Rules, EventCount);
        JsonEvents = [.. Events.Select(e => JsonSerializer.SerializeToElement(e))];
    }

    public IReadOnlyList<GeneratedRule> Rules { get; }

    public PolicySet Policies { get; }

    public Dictionary<string, object?>[] Events { get; }

    public JsonElement[] JsonEvents { get; }

    public static PolicyWorkload Create(int ruleCount) => new(ruleCount);

    /// <summary>The number of rules each event matches, with a fresh engine over dictionary contexts.</summary>
    public int[] MatchCounts(PolicyEngine engine)
    {
        var matched = new List<string>();
        return [.. Events.Select(e =>
        {
            matched.Clear();
            return engine.Match(e, matched);
        })];
    }

    /// <summary>
    /// The event that matches no rule and has the most fields present (so its conditions get furthest):
    /// the Match-no-rule benchmarks use it.
    /// </summary>
    public int NoMatchEvent(int[] counts) =>
        Enumerable.Range(0, Events.Length).Where(i => counts[i] == 0).OrderByDescending(i => FieldCount(Events[i])).ThenBy(i => i).First();

    /// <summary>The first event that matches exactly one rule: the ExecuteRulesAsync benchmarks use it.</summary>
    public int SingleMatchEvent(int[] counts) => Array.IndexOf(counts, 1);

    private static int FieldCount(object? value) =>
        value is Dictionary<string, object?> map ? map.Values.Sum(v => 1 + FieldCount(v)) : 0;
}
