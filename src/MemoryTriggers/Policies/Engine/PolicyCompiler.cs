using System.Globalization;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Internal;
using MemoryTriggers.Policies.Templates;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Policies;

/// <summary>Compiles a policy set. What cannot be compiled (a bad regex, time or zone, a malformed template) is reported and compiled to <c>never</c>, so a bad rule never fires.</summary>
internal sealed class PolicyCompiler(Func<string, RuleRuntime> runtime, ICollection<ValidationIssue> issues)
{
    private readonly Dictionary<string, RegexProgram> _regexes = new(StringComparer.Ordinal);
    private readonly FieldPathTable _paths = new();
    private PolicyIssueCollector _collector = new(PolicySet.Empty);

    public CompiledPolicySet Compile(PolicySet set)
    {
        _collector = new PolicyIssueCollector(set);
        var rules = new List<CompiledRule>(set.Rules.Count);
        for (var i = 0; i < set.Rules.Count; i++)
        {
            rules.Add(CompileRule(set, set.Rules[i], i));
        }

        foreach (var issue in _collector.Issues)
        {
            issues.Add(issue);
        }

        return new CompiledPolicySet(set, [.. rules], _paths.Freeze());
    }

    private CompiledRule CompileRule(PolicySet set, PolicyRule rule, int order)
    {
        var path = "rules." + rule.Name;
        var rateLimits = new List<RateLimitCondition>();
        var before = _collector.Issues.Count;
        var rt = runtime(rule.Name);
        var conditions = rule.Conditions.Select((c, i) => CompileCondition(set, rule, c, $"{path}.conditions[{i}]", rateLimits)).ToArray();
        var actions = rule.Actions
            .Select((a, i) => (Action: a, Index: i))
            .OrderBy(a => a.Action.Priority)
            .ThenBy(a => a.Index)
            .Select(a => CompileAction(set, rule, a.Action, $"{path}.actions[{a.Index}]", rateLimits))
            .ToArray();
        Template? cooldownKey = null;
        if (rule.CooldownKey is { } key)
        {
            cooldownKey = Template.TryParse(key, out var error);
            if (cooldownKey is null)
            {
                Report(set, rule, path + ".cooldown_key", $"cooldown_key is not a valid template: {error}");
            }
        }

        var errors = _collector.Issues.Skip(before).Select(i => i.Message).ToArray();
        return new CompiledRule(rule, order, rt, conditions, actions, [.. rateLimits], cooldownKey) { CompileErrors = errors };
    }

    private CompiledAction CompileAction(PolicySet set, PolicyRule rule, PolicyAction action, string path, List<RateLimitCondition> rateLimits)
    {
        var errors = new List<string>();
        var parameters = ParameterTemplate.Compile(action.Parameters, errors);
        foreach (var error in errors)
        {
            Report(set, rule, path + ".parameters", error);
        }

        // An action's condition may not charge rate windows (they belong to the rule's firing), so rate_limit is refused there.
        var actionLimits = new List<RateLimitCondition>();
        var condition = action.Condition is null ? null : CompileCondition(set, rule, action.Condition, path + ".condition", actionLimits);
        if (actionLimits.Count > 0)
        {
            Report(set, rule, path + ".condition", "rate_limit cannot be used in an action's condition; put it in the rule's conditions");
        }

        return new CompiledAction(action, parameters, condition);
    }

    private CompiledCondition CompileCondition(PolicySet set, PolicyRule rule, PolicyCondition condition, string path, List<RateLimitCondition> rateLimits)
    {
        FieldPath? Field() => string.IsNullOrEmpty(condition.Field) ? null : _paths.Get(condition.Field);
        CompiledCondition Never(string message, string where)
        {
            Report(set, rule, where, message);
            return new ConstantCondition(condition with { Type = PolicyConditionType.Never, Negate = false }, path);
        }

        switch (condition.Type)
        {
            case PolicyConditionType.Always or PolicyConditionType.Never:
                return new ConstantCondition(condition, path);
            case PolicyConditionType.CompositeAnd or PolicyConditionType.CompositeOr:
                var children = condition.SubConditions.Select((c, i) => CompileCondition(set, rule, c, $"{path}.sub_conditions[{i}]", rateLimits)).ToArray();
                return new CompositeCondition(condition, path, children);
            case PolicyConditionType.MatchesRegex:
                var pattern = condition.RegexPattern ?? condition.Value as string;
                if (Field() is not { } regexField)
                {
                    return Never("matches_regex needs a field", path + ".field");
                }

                if (pattern is null)
                {
                    return Never("matches_regex needs regex_pattern (or a pattern in value)", path + ".regex_pattern");
                }

                string? regexError = null;
                var regex = _regexes.TryGetValue(pattern, out var shared) ? shared : RegexCondition.TryBuild(pattern, out regexError) is { } built ? new RegexProgram(built) : null;
                if (regex is not null)
                {
                    _regexes[pattern] = regex;
                }

                return regex is null ? Never($"invalid regular expression '{pattern}': {regexError}", path + ".regex_pattern") : new RegexCondition(condition, path, regexField, regex);
            case PolicyConditionType.TimeRange:
                if (!TimeRangeCondition.TryParseTime(condition.StartTime, out var start))
                {
                    return Never($"start_time '{condition.StartTime}' is not HH:MM", path + ".start_time");
                }

                if (!TimeRangeCondition.TryParseTime(condition.EndTime, out var end))
                {
                    return Never($"end_time '{condition.EndTime}' is not HH:MM", path + ".end_time");
                }

                if (!TimeRangeCondition.TryParseDays(condition.Days, out var days, out var badDay))
                {
                    return Never($"'{badDay}' is not a day (use mon..sun, weekdays or weekends)", path + ".days");
                }

                TimeZoneInfo zone;
                try
                {
                    zone = condition.Timezone is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(condition.Timezone);
                }
                catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
                {
                    return Never($"unknown time zone '{condition.Timezone}' (use an IANA name such as Europe/Berlin)", path + ".timezone");
                }

                return new TimeRangeCondition(condition, path, start, end, days, zone);
            case PolicyConditionType.RateLimit:
                if (condition.RateLimit is not > 0 || condition.TimeWindow is not > 0)
                {
                    return Never("rate_limit needs rate_limit > 0 and time_window > 0 seconds", path);
                }

                if (rateLimits.Count >= 64)
                {
                    return Never("a rule may have at most 64 rate_limit conditions", path);
                }

                var limit = new RateLimitCondition(condition, path, Field(), rateLimits.Count);
                rateLimits.Add(limit);
                return limit;
            case PolicyConditionType.Probability:
                if (condition.Probability is not (>= 0 and <= 1))
                {
                    return Never(string.Create(CultureInfo.InvariantCulture, $"probability must be between 0 and 1, found {condition.Probability}"), path + ".probability");
                }

                return new ProbabilityCondition(condition, path, string.IsNullOrEmpty(condition.SampleBy) ? null : _paths.Get(condition.SampleBy));
            default:
                if (Field() is not { } field)
                {
                    return Never($"{Names.ToSnakeCase(condition.Type.ToString())} needs a field", path + ".field");
                }

                if (condition.Type is PolicyConditionType.GreaterThan or PolicyConditionType.LessThan && Operand.From(condition.Value) is { HasNumber: false })
                {
                    return Never($"{Names.ToSnakeCase(condition.Type.ToString())} needs a numeric value", path + ".value");
                }

                if (condition.Type == PolicyConditionType.Between && (condition.MinValue is null || condition.MaxValue is null))
                {
                    return Never("between needs min_value and max_value", path);
                }

                return new FieldCondition(condition, path, field);
        }
    }

    private void Report(PolicySet set, PolicyRule rule, string path, string message) =>
        _collector.Error(rule, PolicyValidationCodes.Uncompilable, path, message, "fix it; until then the rule never fires");
}
