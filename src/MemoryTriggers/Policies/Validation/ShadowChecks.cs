using C = MemoryTriggers.Policies.PolicyValidationCodes;

namespace MemoryTriggers.Policies;

/// <summary>
/// With <c>match_mode: first</c>, finds rules that never run because an earlier rule in evaluation order
/// (priority descending, ties in file order) fires whenever they would: an earlier rule whose conditions
/// are always true, or whose top-level conditions are among the later rule's. Rules of different scopes
/// are not compared, since callers may evaluate one scope at a time.
/// </summary>
internal static class ShadowChecks
{
    public static void Check(PolicyIssueCollector sink)
    {
        if (sink.Set.MatchMode != MatchMode.First)
        {
            return;
        }

        var ordered = sink.Set.Rules
            .Select((rule, index) => (Rule: rule, Index: index))
            .Where(r => r.Rule.Enabled)
            .OrderByDescending(r => r.Rule.Priority)
            .ThenBy(r => r.Index)
            .Select(r => r.Rule)
            .ToArray();

        // Earlier rules that can shadow, indexed so that each later rule meets only those sharing a condition with it.
        var always = new Dictionary<PolicyScope, int>();
        var byCondition = new Dictionary<PolicyCondition, List<int>>();
        for (var position = 0; position < ordered.Length; position++)
        {
            var later = ordered[position];
            if (FindShadow(ordered, later, always, byCondition) is { } found)
            {
                var shadow = ordered[found];
                var why = always.GetValueOrDefault(later.Scope, -1) == found ? "its conditions are always true" : "its conditions are among this rule's";
                sink.Warning(later, C.Shadowed, "rules." + later.Name,
                    $"the rule '{later.Name}' never fires: match_mode is first and the earlier rule '{shadow.Name}' (priority {shadow.Priority}) fires whenever it would ({why})",
                    $"give '{later.Name}' a higher priority than '{shadow.Name}', make '{shadow.Name}' more specific, or use match_mode: all");
            }

            if (!CanShadow(later))
            {
                continue;
            }

            if (AlwaysMatches(later))
            {
                always.TryAdd(later.Scope, position);
            }
            else
            {
                // Under AND every condition must be among the later rule's, so the first one is a key; under OR any one is.
                var keys = later.ConditionOperator == ConditionOperator.And ? later.Conditions.Take(1) : later.Conditions;
                foreach (var key in keys.Distinct())
                {
                    if (!byCondition.TryGetValue(key, out var positions))
                    {
                        byCondition[key] = positions = [];
                    }

                    positions.Add(position);
                }
            }
        }
    }

    /// <summary>The position of the first earlier rule that shadows <paramref name="later"/>, or null.</summary>
    private static int? FindShadow(PolicyRule[] ordered, PolicyRule later, Dictionary<PolicyScope, int> always, Dictionary<PolicyCondition, List<int>> byCondition)
    {
        int? best = always.TryGetValue(later.Scope, out var position) ? position : null;
        if (later.Conditions.Count == 0 || (later.ConditionOperator == ConditionOperator.Or && later.Conditions.Count > 1))
        {
            return best;
        }

        foreach (var condition in later.Conditions.Distinct())
        {
            if (!byCondition.TryGetValue(condition, out var positions))
            {
                continue;
            }

            foreach (var candidate in positions)
            {
                if ((best is null || candidate < best) && ordered[candidate].Scope == later.Scope && IsSubset(ordered[candidate], later))
                {
                    best = candidate;
                    break;
                }
            }
        }

        return best;
    }

    /// <summary>Whether the rule fires every time its conditions hold: limits, chance and the clock can stop it and let a later rule through.</summary>
    private static bool CanShadow(PolicyRule rule) =>
        rule.Conditions.Count > 0 && rule.CooldownPeriod is null && rule.MaxExecutions is null && !rule.Conditions.Any(c => ConditionFacts.IsStateful(c));

    /// <summary>Whether <paramref name="earlier"/>'s top-level conditions hold whenever all of <paramref name="later"/>'s do.</summary>
    private static bool IsSubset(PolicyRule earlier, PolicyRule later) =>
        earlier.ConditionOperator == ConditionOperator.And || earlier.Conditions.Count == 1
            ? earlier.Conditions.All(later.Conditions.Contains)
            : earlier.Conditions.Any(later.Conditions.Contains);

    private static bool AlwaysMatches(PolicyRule rule) =>
        rule.ConditionOperator == ConditionOperator.And
            ? rule.Conditions.All(c => ConditionFacts.IsAlwaysTrue(c))
            : rule.Conditions.Any(c => ConditionFacts.IsAlwaysTrue(c));
}
