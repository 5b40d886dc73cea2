using MemoryTriggers.Internal;
using MemoryTriggers.Policies.Templates;
using C = MemoryTriggers.Policies.PolicyValidationCodes;

namespace MemoryTriggers.Policies;

/// <summary>Checks chain_policy targets: they exist, and no rule reaches itself through chains.</summary>
internal static class ChainChecks
{
    /// <summary>Enough to show the problem; a set with more cycles than this has one structural mistake repeated.</summary>
    private const int MaxCycles = 50;

    /// <summary>Bounds the search: the number of elementary paths can grow exponentially with the number of chains.</summary>
    private const int MaxSteps = 100_000;

    private const int MaxShown = 12;

    /// <summary>Longer cycles are not followed, which keeps the recursion shallow.</summary>
    private const int MaxCycleLength = 1_000;

    public static void Check(PolicyIssueCollector sink)
    {
        var rules = sink.Set.Rules;
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            byName.TryAdd(rules[i].Name, i);
        }

        // Edges in file order: (target index, the chaining action's path).
        var edges = new List<(int Target, string Path)>[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            edges[i] = [];
            var rule = rules[i];
            for (var a = 0; a < rule.Actions.Count; a++)
            {
                var action = rule.Actions[a];
                if (action.Type != PolicyActionType.ChainPolicy || Target(action) is not ({ } name, var key))
                {
                    continue;
                }

                var path = $"rules.{rule.Name}.actions[{a}].parameters.{key}";
                if (!byName.TryGetValue(name, out var target))
                {
                    var closest = Names.Closest(name, byName.Keys.Where(n => n != rule.Name));
                    sink.Error(rule, C.ChainTarget, path, $"chain_policy names the rule '{name}', which does not exist",
                        closest is null ? "name one of the loaded rules; rule names are case-sensitive" : $"did you mean '{closest}'?");
                }
                else if (target == i)
                {
                    sink.Error(rule, C.ChainSelf, path, $"the rule '{rule.Name}' chains to itself, which would loop until the chain depth limit",
                        "chain to a different rule, or remove the chain_policy action");
                }
                else
                {
                    edges[i].Add((target, path));
                }
            }
        }

        ReportCycles(sink, edges);
    }

    /// <summary>The literal rule name a chain_policy action names, and under which parameter; templates are resolved only at run time.</summary>
    private static (string? Name, string Key) Target(PolicyAction action)
    {
        foreach (var key in (string[])["policy_name", "rule"])
        {
            if (action.Parameters.GetValueOrDefault(key) is string { Length: > 0 } name)
            {
                return Template.TryParse(name, out _) is { Placeholders.Count: 0 } ? (name.Trim(), key) : (null, key);
            }
        }

        return (null, "policy_name");
    }

    /// <summary>Lists a cycle's rules; a long one by its ends and its length.</summary>
    private static string Show(string[] names) => names.Length <= MaxShown
        ? string.Join(" → ", names)
        : $"{string.Join(" → ", names.Take(MaxShown / 2))} → … → {string.Join(" → ", names.TakeLast(MaxShown / 2))} ({names.Length - 1} rules)";

    /// <summary>Reports each elementary cycle once, at the chaining action of its rule that comes first in file order.</summary>
    private static void ReportCycles(PolicyIssueCollector sink, List<(int Target, string Path)>[] edges)
    {
        var rules = sink.Set.Rules;
        var reported = 0;
        var steps = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var onPath = new bool[rules.Count];
        var stack = new List<(int Rule, string Path)>();

        // A cycle is found from its smallest index only, so each is reported once.
        for (var start = 0; start < rules.Count && reported < MaxCycles; start++)
        {
            Walk(start, start);
        }

        void Walk(int start, int node)
        {
            onPath[node] = true;
            foreach (var (target, path) in edges[node])
            {
                if (reported >= MaxCycles || target < start || ++steps > MaxSteps)
                {
                    continue;
                }

                stack.Add((node, path));
                if (target == start)
                {
                    var names = stack.Select(s => rules[s.Rule].Name).Append(rules[start].Name).ToArray();
                    if (seen.Add(string.Join("\n", names)))
                    {
                        sink.Error(rules[start], C.ChainCycle, stack[0].Path, $"the rules chain in a cycle: {Show(names)}",
                            "break the cycle by removing one of the chain_policy actions; the engine stops it only at the chain depth limit");
                        reported++;
                    }
                }
                else if (!onPath[target] && stack.Count < MaxCycleLength)
                {
                    Walk(start, target);
                }

                stack.RemoveAt(stack.Count - 1);
            }

            onPath[node] = false;
        }
    }
}
