using C = MemoryTriggers.Policies.PolicyValidationCodes;

namespace MemoryTriggers.Policies;

/// <summary>Finds rules, composite conditions and action conditions that can never be true.</summary>
internal static class ReachabilityChecks
{
    public static void Check(PolicyIssueCollector sink, PolicyRule rule)
    {
        var path = "rules." + rule.Name;
        if (rule.Conditions.Count > 0 && NeverFires(rule, out var culprit))
        {
            var (where, message) = culprit is { } index
                ? ($"{path}.conditions[{index}]", $"the rule '{rule.Name}' can never fire: conditions[{index}] can never be true ({ConditionFacts.NeverReason(rule.Conditions[index])}) and the conditions are combined with AND")
                : ($"{path}.conditions", $"the rule '{rule.Name}' can never fire: none of its conditions can be true");
            sink.Warning(rule, C.NeverFires, where, message, "remove the condition, or set 'enabled: false' to switch the rule off on purpose");
        }
        else
        {
            for (var i = 0; i < rule.Conditions.Count; i++)
            {
                FindDeadComposites(sink, rule, rule.Conditions[i], $"{path}.conditions[{i}]", 1);
            }
        }

        for (var i = 0; i < rule.Actions.Count; i++)
        {
            if (rule.Actions[i].Condition is not { } condition)
            {
                continue;
            }

            var at = $"{path}.actions[{i}].condition";
            if (ConditionFacts.IsNever(condition))
            {
                sink.Warning(rule, C.NeverFires, at, $"the condition of actions[{i}] can never be true ({ConditionFacts.NeverReason(condition)}), so the action never runs",
                    "remove the action or fix its condition");
            }
            else
            {
                FindDeadComposites(sink, rule, condition, at, 1);
            }
        }
    }

    /// <summary>Whether the top-level conditions can never all (AND) or any (OR) be true; <paramref name="culprit"/> is the index of the first that never is, under AND.</summary>
    private static bool NeverFires(PolicyRule rule, out int? culprit)
    {
        culprit = null;
        if (rule.ConditionOperator == ConditionOperator.Or)
        {
            return rule.Conditions.All(c => ConditionFacts.IsNever(c));
        }

        for (var i = 0; i < rule.Conditions.Count; i++)
        {
            if (ConditionFacts.IsNever(rule.Conditions[i]))
            {
                culprit = i;
                return true;
            }
        }

        return false;
    }

    /// <summary>Reports the outermost composites that can never be true; a rule that still fires through other branches carries dead weight.</summary>
    private static void FindDeadComposites(PolicyIssueCollector sink, PolicyRule rule, PolicyCondition condition, string path, int depth)
    {
        if (depth > ConditionFacts.MaxDepth || condition.Type is not (PolicyConditionType.CompositeAnd or PolicyConditionType.CompositeOr))
        {
            return;
        }

        if (ConditionFacts.IsNever(condition))
        {
            sink.Warning(rule, C.NeverFires, path, $"this {ConditionFacts.TypeName(condition.Type)} can never be true: {ConditionFacts.NeverReason(condition)}",
                "remove the dead branch or fix the condition");
            return;
        }

        for (var i = 0; i < condition.SubConditions.Count; i++)
        {
            FindDeadComposites(sink, rule, condition.SubConditions[i], $"{path}.sub_conditions[{i}]", depth + 1);
        }
    }
}
