using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Compare.Ours;

/// <summary>
/// Makes the second version of a rule set for the reload measurement: every rule renamed with the
/// <see cref="Prefix"/>, so each matched name tells which version it came from, and the numeric thresholds of every
/// third rule moved by one, so the new version also decides differently.
/// </summary>
internal static class ReloadRules
{
    /// <summary>The prefix of every rule name of the new version.</summary>
    public const string Prefix = "v2-";

    /// <summary>Returns the renamed, perturbed set and how many rules had a value changed.</summary>
    public static (PolicySet Set, int Perturbed) SecondVersion(PolicySet set)
    {
        var perturbed = 0;
        var rules = set.Rules.Select((rule, i) =>
        {
            var conditions = rule.Conditions;
            if (i % 3 == 0)
            {
                var moved = ValueList<PolicyCondition>.From(rule.Conditions.Select(Perturb));
                perturbed += moved.Equals(rule.Conditions) ? 0 : 1;
                conditions = moved;
            }

            return rule with { Name = Prefix + rule.Name, Conditions = conditions };
        }).ToArray();
        return (set with { Rules = ValueList<PolicyRule>.From(rules) }, perturbed);
    }

    private static PolicyCondition Perturb(PolicyCondition condition) => condition with
    {
        Value = condition.Type is PolicyConditionType.GreaterThan or PolicyConditionType.LessThan ? PlusOne(condition.Value) : condition.Value,
        MinValue = condition.Type is PolicyConditionType.Between ? condition.MinValue - 1 : condition.MinValue,
        MaxValue = condition.Type is PolicyConditionType.Between ? condition.MaxValue + 1 : condition.MaxValue,
        SubConditions = ValueList<PolicyCondition>.From(condition.SubConditions.Select(Perturb)),
    };

    private static object? PlusOne(object? value) => value switch
    {
        int i => i + 1,
        long l => l + 1,
        double d => d + 1,
        decimal m => m + 1,
        _ => value,
    };
}
