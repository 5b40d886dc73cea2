using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MemoryTriggers.Policies.Templates;
using MemoryTriggers.Validation;
using C = MemoryTriggers.Policies.PolicyValidationCodes;

namespace MemoryTriggers.Policies;

/// <summary>
/// Lints a loaded policy set: what the loader cannot see from a rule's form alone. Checks each rule's
/// limits, conditions and action parameters, templates and references to earlier actions, chains
/// between rules, rules and actions that can never run, contradictory conditions and, with
/// <c>match_mode: first</c>, rules shadowed by earlier ones. Every issue has a code from
/// <see cref="PolicyValidationCodes"/>, a path such as <c>rules.NAME.actions[2].parameters.url</c>, and
/// the file, line and column when the rule came from a document in <see cref="PolicySet.Documents"/>.
/// </summary>
public sealed class PolicyValidator
{
    private const int MaxActions = 10;

    /// <summary>Validates a policy set. Never throws for a bad rule; every problem becomes an issue.</summary>
    /// <param name="set">The set, for example <see cref="PolicyLoadResult.Policies"/>.</param>
    /// <returns>The issues: rule by rule, each rule's by position in its file; then those between rules (chain targets and cycles, shadowing).</returns>
    [SuppressMessage("Performance", "CA1822", Justification = "Validators are objects in the public API, like the configuration validators.")]
    public IReadOnlyList<ValidationIssue> Validate(PolicySet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var sink = new PolicyIssueCollector(set);
        foreach (var rule in set.Rules)
        {
            var first = sink.Issues.Count;
            CheckRule(sink, rule);
            ReachabilityChecks.Check(sink, rule);
            ContradictionChecks.Check(sink, rule);
            sink.SortByPosition(first);
        }

        ChainChecks.Check(sink);
        ShadowChecks.Check(sink);
        return [.. sink.Issues];
    }

    /// <summary>
    /// The whole policy pipeline: the loader's issues, this validator's, and what the engine cannot
    /// compile, without duplicates, ordered by file and position. The CLI, test suites and
    /// <see cref="PolicyEngine.AddRule"/> all judge rules through here.
    /// </summary>
    /// <param name="loaded">What a <see cref="PolicyLoader"/> read.</param>
    /// <returns>Every issue.</returns>
    [SuppressMessage("Performance", "CA1822", Justification = "Validators are objects in the public API, like the configuration validators.")]
    public IReadOnlyList<ValidationIssue> ValidateAll(PolicyLoadResult loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var issues = new List<ValidationIssue>(loaded.Issues);
        issues.AddRange(Validate(loaded.Policies));
        var compiled = new PolicyEngine(loaded.Policies).CompilationIssues;
        issues.AddRange(compiled.Where(c => !issues.Any(i => i.IsError && i.Path == c.Path)));
        return issues
            .DistinctBy(i => (i.Code, i.Path, i.Location.File))
            .OrderBy(i => i.Location.File, StringComparer.Ordinal)
            .ThenBy(i => i.Location.Line)
            .ThenBy(i => i.Location.Column)
            .ToArray();
    }

    private static void CheckRule(PolicyIssueCollector sink, PolicyRule rule)
    {
        var path = "rules." + rule.Name;
        if (rule.Conditions.Count == 0)
        {
            sink.Error(rule, C.NoConditions, path + ".conditions", $"the rule '{rule.Name}' has no conditions",
                "add at least one condition; to fire on every event, write '- type: always'");
        }

        if (rule.Actions.Count == 0)
        {
            sink.Error(rule, C.NoActions, path + ".actions", $"the rule '{rule.Name}' has no actions, so firing it does nothing",
                "add at least one action, for example '- type: create_memory' with 'parameters: {content: ...}'");
        }
        else if (rule.Actions.Count > MaxActions)
        {
            sink.Warning(rule, C.TooManyActions, path + ".actions", $"the rule '{rule.Name}' has {rule.Actions.Count} actions, more than {MaxActions}",
                "split it into smaller rules, chained with chain_policy if they belong together");
        }

        if (rule.Priority < 0)
        {
            sink.Error(rule, C.Priority, path + ".priority", $"the priority is {rule.Priority}; it must be 0 or more", "use 0 for the lowest priority; higher runs first");
        }

        if (rule.MaxExecutions is <= 0)
        {
            sink.Error(rule, C.MaxExecutions, path + ".max_executions", $"max_executions is {rule.MaxExecutions}; the rule could never fire",
                "write a positive number, or remove max_executions for no limit");
        }

        if (rule.CooldownPeriod is { } cooldown && !(cooldown >= 0))
        {
            sink.Error(rule, C.Cooldown, path + ".cooldown_period", F($"cooldown_period is {cooldown}; it must be 0 or more seconds"),
                "write the seconds to wait between firings, for example 'cooldown_period: 300', or remove it");
        }

        if (rule.CooldownKey is { } key)
        {
            CheckCooldownKey(sink, rule, key, path + ".cooldown_key");
        }

        for (var i = 0; i < rule.Conditions.Count; i++)
        {
            ConditionChecks.Check(sink, rule, rule.Conditions[i], $"{path}.conditions[{i}]", 1);
        }

        CheckActions(sink, rule, path);
    }

    private static void CheckCooldownKey(PolicyIssueCollector sink, PolicyRule rule, string key, string path)
    {
        if (Template.TryParse(key, out var error) is not { } template)
        {
            sink.Error(rule, C.CooldownKey, path, $"cooldown_key '{key}' is not a valid template: {error}", "write it like '${user_id}', closing every '${' with '}'");
        }
        else if (template.Placeholders.FirstOrDefault(p => p.Kind == PlaceholderKind.Action) is { } action)
        {
            sink.Error(rule, C.CooldownKey, path, $"cooldown_key refers to ${{{action.Expression}}}, but no action has run when the cooldown is checked",
                "key the cooldown on context fields, such as '${user_id}'");
        }
    }

    private static void CheckActions(PolicyIssueCollector sink, PolicyRule rule, string path)
    {
        var all = rule.Actions.Select(a => ConditionFacts.TypeName(a.Type)).ToHashSet(StringComparer.Ordinal);
        var (earlier, stoppedBy) = PlanRun(rule);
        for (var index = 0; index < rule.Actions.Count; index++)
        {
            var action = rule.Actions[index];
            var at = $"{path}.actions[{index}]";
            CheckActionSettings(sink, rule, action, at);
            ActionParameterChecks.Check(sink, rule, action, at, earlier[index], all);
            if (action.Condition is { } condition)
            {
                ConditionChecks.Check(sink, rule, condition, at + ".condition", 1);
            }

            if (stoppedBy[index] is { } stop)
            {
                var stopType = ConditionFacts.TypeName(rule.Actions[stop].Type);
                sink.Warning(rule, C.UnreachableAction, at,
                    $"actions[{index}] ({ConditionFacts.TypeName(action.Type)}) never runs: actions[{stop}] is an unconditional {stopType} that runs before it",
                    $"give the action a lower priority than the {stopType}, put a condition on the {stopType}, or remove the action");
            }
        }
    }

    /// <summary>
    /// Walks the actions in run order (ascending priority, ties in file order): for each, the types that ran
    /// before it and recorded outputs, and the unconditional abort or skip that stops the rule before it, if any.
    /// </summary>
    private static (HashSet<string>[] Earlier, int?[] StoppedBy) PlanRun(PolicyRule rule)
    {
        var earlier = new HashSet<string>[rule.Actions.Count];
        var stoppedBy = new int?[rule.Actions.Count];
        var ran = new HashSet<string>(StringComparer.Ordinal);
        int? stopper = null;
        foreach (var (action, index) in rule.Actions.Select((action, index) => (action, index)).OrderBy(a => a.action.Priority).ThenBy(a => a.index))
        {
            earlier[index] = [.. ran];
            stoppedBy[index] = stopper;
            if (action.Type is PolicyActionType.Abort or PolicyActionType.Skip)
            {
                if (stopper is null && (action.Condition is null || ConditionFacts.IsAlwaysTrue(action.Condition)))
                {
                    stopper = index;
                }
            }
            else
            {
                ran.Add(ConditionFacts.TypeName(action.Type));
            }
        }

        return (earlier, stoppedBy);
    }

    private static void CheckActionSettings(PolicyIssueCollector sink, PolicyRule rule, PolicyAction action, string path)
    {
        if (action.Priority < 0)
        {
            sink.Error(rule, C.ActionPriority, path + ".priority", $"the action's priority is {action.Priority}; it must be 0 or more",
                "number the actions from 0 or 1 in the order they should run");
        }

        if (action.RetryCount < 0)
        {
            sink.Error(rule, C.Retry, path + ".retry_count", $"retry_count is {action.RetryCount}; it must be 0 or more", "write 0 for no retries");
        }

        if (!(action.RetryDelay >= 0))
        {
            sink.Error(rule, C.Retry, path + ".retry_delay", F($"retry_delay is {action.RetryDelay}; it must be 0 or more seconds"), "write the seconds between retries, for example 'retry_delay: 1'");
        }

        if (action.Timeout is { } timeout && !(timeout > 0))
        {
            sink.Error(rule, C.Timeout, path + ".timeout", F($"timeout is {timeout}; it must be more than 0 seconds"), "write the seconds an attempt may take, or remove timeout");
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
