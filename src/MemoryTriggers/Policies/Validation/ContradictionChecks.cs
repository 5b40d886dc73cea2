using C = MemoryTriggers.Policies.PolicyValidationCodes;

namespace MemoryTriggers.Policies;

/// <summary>
/// Finds conditions that must all hold (a rule's AND, a composite_and) but test one field in ways that
/// cannot all be true, such as <c>status equals open</c> with <c>status equals closed</c>. Only the plain
/// shapes are recognised; no report does not mean the conditions can hold together.
/// </summary>
internal static class ContradictionChecks
{
    private enum Op
    {
        Other,
        Eq,
        Ne,
        In,
        NotIn,
        Exists,
        NotExists,
        Gt,
        Lt,
        Between,
    }

    public static void Check(PolicyIssueCollector sink, PolicyRule rule)
    {
        var path = "rules." + rule.Name;
        if (rule.ConditionOperator == ConditionOperator.And)
        {
            var members = new List<Member>();
            for (var i = 0; i < rule.Conditions.Count; i++)
            {
                Collect(sink, rule, rule.Conditions[i], $"{path}.conditions[{i}]", 1, members);
            }

            Analyse(sink, rule, members, $"the rule '{rule.Name}' can never fire");
        }
        else
        {
            for (var i = 0; i < rule.Conditions.Count; i++)
            {
                FindGroups(sink, rule, rule.Conditions[i], $"{path}.conditions[{i}]", 1);
            }
        }

        for (var i = 0; i < rule.Actions.Count; i++)
        {
            if (rule.Actions[i].Condition is { } condition)
            {
                FindGroups(sink, rule, condition, $"{path}.actions[{i}].condition", 1);
            }
        }
    }

    /// <summary>Adds the conditions that must hold together with the current group, flattening composite_and.</summary>
    private static void Collect(PolicyIssueCollector sink, PolicyRule rule, PolicyCondition condition, string path, int depth, List<Member> members)
    {
        if (depth > ConditionFacts.MaxDepth)
        {
            return;
        }

        if (condition is { Type: PolicyConditionType.CompositeAnd, Negate: false })
        {
            for (var i = 0; i < condition.SubConditions.Count; i++)
            {
                Collect(sink, rule, condition.SubConditions[i], $"{path}.sub_conditions[{i}]", depth + 1, members);
            }

            return;
        }

        members.Add(new Member(condition, path, OpOf(condition)));
        FindGroups(sink, rule, condition, path, depth);
    }

    /// <summary>Finds the composite_and groups below an OR, each analysed on its own.</summary>
    private static void FindGroups(PolicyIssueCollector sink, PolicyRule rule, PolicyCondition condition, string path, int depth)
    {
        if (depth > ConditionFacts.MaxDepth || condition.Negate)
        {
            return;
        }

        if (condition.Type == PolicyConditionType.CompositeAnd)
        {
            var members = new List<Member>();
            Collect(sink, rule, condition, path, depth, members);
            Analyse(sink, rule, members, "this composite_and can never be true");
        }
        else if (condition.Type == PolicyConditionType.CompositeOr)
        {
            for (var i = 0; i < condition.SubConditions.Count; i++)
            {
                FindGroups(sink, rule, condition.SubConditions[i], $"{path}.sub_conditions[{i}]", depth + 1);
            }
        }
    }

    private static void Analyse(PolicyIssueCollector sink, PolicyRule rule, List<Member> members, string consequence)
    {
        var prefix = $"rules.{rule.Name}.";
        foreach (var field in members.Where(m => m.Op != Op.Other && !string.IsNullOrEmpty(m.Condition.Field)).GroupBy(m => m.Condition.Field!, StringComparer.Ordinal))
        {
            var seen = new List<Member>();
            var range = new Range();
            foreach (var member in field)
            {
                var clash = seen.FirstOrDefault(earlier => Conflicts(earlier, member) || Conflicts(member, earlier));
                var rangeClash = clash is null && range.Narrow(member) ? range : null;
                if (clash is not null || rangeClash is not null)
                {
                    var other = clash is not null
                        ? $"{ConditionFacts.Describe(clash.Condition)} ({clash.Path[prefix.Length..]})"
                        : string.Join(" and ", rangeClash!.Bounds.Where(b => b != member).Distinct().Select(b => $"{ConditionFacts.Describe(b.Condition)} ({b.Path[prefix.Length..]})"));
                    sink.Warning(rule, C.Contradiction, member.Path, $"{consequence}: {ConditionFacts.Describe(member.Condition)} contradicts {other}",
                        "fix the values, or combine the alternatives with condition_operator: OR or composite_or");
                    break;
                }

                seen.Add(member);
            }
        }
    }

    private static Op OpOf(PolicyCondition condition) => (condition.Type, condition.Negate) switch
    {
        (PolicyConditionType.Equals, false) or (PolicyConditionType.NotEquals, true) => Op.Eq,
        (PolicyConditionType.NotEquals, false) or (PolicyConditionType.Equals, true) => Op.Ne,
        (PolicyConditionType.InList, false) or (PolicyConditionType.NotInList, true) => Op.In,
        (PolicyConditionType.NotInList, false) or (PolicyConditionType.InList, true) => Op.NotIn,
        (PolicyConditionType.Exists, false) or (PolicyConditionType.NotExists, true) => Op.Exists,
        (PolicyConditionType.NotExists, false) or (PolicyConditionType.Exists, true) => Op.NotExists,
        (PolicyConditionType.GreaterThan, false) => Op.Gt,
        (PolicyConditionType.LessThan, false) => Op.Lt,
        (PolicyConditionType.Between, false) => Op.Between,
        _ => Op.Other,
    };

    /// <summary>Whether <paramref name="a"/> rules out <paramref name="b"/>; numeric ranges are handled by <see cref="Range"/>.</summary>
    private static bool Conflicts(Member a, Member b)
    {
        var x = a.Condition.Value;
        return (a.Op, b.Op) switch
        {
            (Op.Eq, Op.Eq) => !Compatible(x, b.Condition.Value),
            (Op.Eq, Op.Ne) => Same(x, b.Condition.Value),
            (Op.Eq, Op.In) => b.Condition.Values.Count > 0 && !b.Condition.Values.Any(item => Compatible(x, item)),
            (Op.Eq, Op.NotIn) => b.Condition.Values.Any(item => Same(x, item)),
            (Op.Exists, Op.NotExists) => true,
            (Op.Exists, Op.Eq) => b.Condition.Value is null,
            (Op.NotExists, Op.Eq) => b.Condition.Value is not null,
            (Op.NotExists, Op.In) => b.Condition.Values.Count > 0 && !b.Condition.Values.Contains(null),
            (Op.NotExists, Op.Gt or Op.Lt or Op.Between) => true,
            _ => false,
        };
    }

    /// <summary>Whether some field value equals both (a number equals a string holding it, so 1, "1" and "1.0" are compatible).</summary>
    private static bool Compatible(object? x, object? y) =>
        Same(x, y)
        || (ConditionFacts.TryNumber(x, out var a, out _) && ConditionFacts.TryNumber(y, out var b, out _) && a == b);

    /// <summary>Whether both are the same value of the same kind.</summary>
    private static bool Same(object? x, object? y) => (x, y) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string s, string t) => string.Equals(s, t, StringComparison.Ordinal),
        (string, _) or (_, string) => false,
        (bool p, bool q) => p == q,
        (bool, _) or (_, bool) => false,
        _ when ConditionFacts.TryNumber(x, out var a, out _) && ConditionFacts.TryNumber(y, out var b, out _) => a == b,
        _ => Equals(x, y),
    };

    /// <summary>One condition of an AND group, with the comparison it makes.</summary>
    private sealed record Member(PolicyCondition Condition, string Path, Op Op);

    /// <summary>The numbers a field may still hold given the group's numeric conditions so far.</summary>
    private sealed class Range
    {
        private double _low = double.NegativeInfinity;
        private double _high = double.PositiveInfinity;
        private bool _lowInclusive = true;
        private bool _highInclusive = true;
        private Member? _lowBy;
        private Member? _highBy;

        public IEnumerable<Member> Bounds => new[] { _lowBy, _highBy }.OfType<Member>();

        /// <summary>Narrows the range by <paramref name="member"/>; returns whether it became empty.</summary>
        public bool Narrow(Member member)
        {
            var c = member.Condition;
            switch (member.Op)
            {
                case Op.Gt when ConditionFacts.TryNumber(c.Value, out var low, out _):
                    Low(low, inclusive: false, member);
                    break;
                case Op.Lt when ConditionFacts.TryNumber(c.Value, out var high, out _):
                    High(high, inclusive: false, member);
                    break;
                case Op.Between when c is { MinValue: { } min, MaxValue: { } max } && min <= max:
                    Low(min, inclusive: true, member);
                    High(max, inclusive: true, member);
                    break;
                case Op.Eq when ConditionFacts.TryNumber(c.Value, out var point, out _):
                    Low(point, inclusive: true, member);
                    High(point, inclusive: true, member);
                    break;
                default:
                    return false;
            }

            return _low > _high || (_low == _high && !(_lowInclusive && _highInclusive));
        }

        private void Low(double value, bool inclusive, Member by)
        {
            if (value > _low || (value == _low && !inclusive && _lowInclusive))
            {
                (_low, _lowInclusive, _lowBy) = (value, inclusive, by);
            }
        }

        private void High(double value, bool inclusive, Member by)
        {
            if (value < _high || (value == _high && !inclusive && _highInclusive))
            {
                (_high, _highInclusive, _highBy) = (value, inclusive, by);
            }
        }
    }
}
