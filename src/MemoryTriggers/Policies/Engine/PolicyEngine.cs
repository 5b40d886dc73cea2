using System.Collections.Concurrent;
using System.Diagnostics;
using MemoryTriggers.Actions;
using MemoryTriggers.Configuration;
using MemoryTriggers.Policies.State;
using MemoryTriggers.Policies.Templates;
using MemoryTriggers.Validation;
using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Policies;

/// <summary>
/// Evaluates compiled rules against contexts and runs the actions of those that fire. Safe to call
/// from many threads; <see cref="Replace"/> swaps the whole rule set as one reference, so no
/// evaluation ever sees a half-replaced set.
/// </summary>
public sealed partial class PolicyEngine
{
    private readonly PolicyEngineOptions _options;
    private readonly IPolicyStateStore _state;
    private readonly Dictionary<PolicyActionType, IPolicyActionExecutor> _executors = [];
    private readonly ConcurrentDictionary<string, RuleCounters> _statistics = new(StringComparer.Ordinal);
    private volatile CompiledPolicySet _current;

    /// <summary>Initializes a new instance of the <see cref="PolicyEngine"/> class and compiles <paramref name="policies"/>.</summary>
    /// <param name="policies">The rules.</param>
    /// <param name="options">Clock, randomness, state, executors; null for defaults.</param>
    public PolicyEngine(PolicySet policies, PolicyEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policies);
        _options = options ?? new PolicyEngineOptions();
        _state = _options.StateStore ?? new InMemoryPolicyStateStore();
        foreach (var executor in _options.Executors)
        {
            foreach (var type in executor.Types)
            {
                _executors[type] = executor;
            }
        }

        _current = Compile(policies, out var issues);
        CompilationIssues = issues;
    }

    /// <summary>Initializes a new instance of the <see cref="PolicyEngine"/> class with no rules; add them with <see cref="AddRule"/>.</summary>
    public PolicyEngine()
        : this(PolicySet.Empty)
    {
    }

    /// <summary>Gets the rule set in force.</summary>
    public PolicySet Policies => _current.Source;

    /// <summary>Gets what could not be compiled in the current set (those conditions never hold).</summary>
    public IReadOnlyList<ValidationIssue> CompilationIssues { get; private set; }

    /// <summary>Compiles <paramref name="policies"/> beside the current set and swaps it in as one reference.</summary>
    /// <param name="policies">The new rules.</param>
    /// <returns>What could not be compiled.</returns>
    public IReadOnlyList<ValidationIssue> Replace(PolicySet policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var compiled = Compile(policies, out var issues);
        _current = compiled;
        CompilationIssues = issues;
        return issues;
    }

    /// <summary>Adds a rule (replacing one of the same name) after validating it with the rules already there; the swap is atomic.</summary>
    /// <param name="rule">The rule.</param>
    /// <exception cref="PolicyValidationException">The rule, or the set with it, has errors; nothing changed.</exception>
    public void AddRule(PolicyRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var current = Policies;
        var rules = current.Rules.Where(r => !string.Equals(r.Name, rule.Name, StringComparison.Ordinal)).Append(rule);
        ReplaceValidated(current with { Rules = ValueList<PolicyRule>.From(rules) });
    }

    /// <summary>Removes a rule by name.</summary>
    /// <param name="name">The rule's name.</param>
    /// <returns>Whether a rule was removed.</returns>
    /// <exception cref="PolicyValidationException">Another rule depends on it (a chain_policy target); nothing changed.</exception>
    public bool RemoveRule(string name)
    {
        var current = Policies;
        if (current.Find(name) is null)
        {
            return false;
        }

        ReplaceValidated(current with { Rules = ValueList<PolicyRule>.From(current.Rules.Where(r => !string.Equals(r.Name, name, StringComparison.Ordinal))) });
        return true;
    }

    /// <summary>
    /// Adds the names of the rules whose conditions hold to <paramref name="matched"/>, in evaluation
    /// order, without running actions, checking limits or recording anything. Allocates nothing when no
    /// rule matches.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="matched">Receives the names.</param>
    /// <returns>The number of rules that matched.</returns>
    public int Match(PolicyContext context, ICollection<string> matched)
    {
        ArgumentNullException.ThrowIfNull(matched);
        var set = _current;
        var count = 0;
        var paths = PathCache.Rent(context, set.Paths);
        try
        {
            var first = set.Source.MatchMode == MatchMode.First;
            foreach (var rule in set.Candidates(context, paths, out var fromBucket))
            {
                if (rule.Rule.Enabled && rule.Matches(context, paths, fromBucket))
                {
                    matched.Add(rule.Name);
                    count++;
                    if (first)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            paths.Return();
        }

        return count;
    }

    /// <summary>Evaluates the rules and runs the actions of those that fire (synchronously; prefer <see cref="ExecuteRulesAsync"/>).</summary>
    /// <param name="context">The context.</param>
    /// <param name="options">How to evaluate.</param>
    /// <returns>The decision.</returns>
    public PolicyDecision ExecuteRules(PolicyContext context, EvaluationOptions? options = null)
    {
        var pending = ExecuteRulesAsync(context, options);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Evaluates the rules and runs the actions of those that fire.</summary>
    /// <param name="context">The context.</param>
    /// <param name="options">How to evaluate: dry run, explain, scope, one rule.</param>
    /// <param name="cancellationToken">Cancels running actions.</param>
    /// <returns>The decision: per rule, whether it matched and fired or why not; per action, what happened.</returns>
    public async ValueTask<PolicyDecision> ExecuteRulesAsync(PolicyContext context, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= EvaluationOptions.Default;
        var set = _current;
        var started = Stopwatch.GetTimestamp();
        var decisionId = Guid.NewGuid().ToString("N");
        var now = _options.TimeProvider.GetUtcNow();
        var results = new List<RuleResult>();
        var paths = PathCache.Rent(context, set.Paths);
        try
        {
            var run = new DecisionRun(set, options, decisionId, now, results, cancellationToken);
            var fromBucket = false;
            var candidates = options.Explain || options.IncludeUnmatched || options.RuleName is not null ? set.Ordered : set.Candidates(context, paths, out fromBucket);
            var fired = false;
            foreach (var rule in candidates)
            {
                if (options.RuleName is { } only && !string.Equals(rule.Name, only, StringComparison.Ordinal))
                {
                    continue;
                }

                if (fired && set.Source.MatchMode == MatchMode.First)
                {
                    if (options.IncludeUnmatched)
                    {
                        results.Add(NotRun(rule, RuleOutcome.NotReached, "an earlier rule fired and match_mode is first"));
                    }

                    continue;
                }

                // Rules this one chains to add their results while it runs; its own result goes before them.
                var position = results.Count;
                var result = await RunRuleAsync(run, rule, context, paths, fromBucket, chainedFrom: null, depth: 0).ConfigureAwait(false);
                if (result.Matched || options.IncludeUnmatched)
                {
                    results.Insert(position, result);
                }

                fired |= result.Outcome is RuleOutcome.Fired;
            }
        }
        finally
        {
            paths.Return();
        }

        return new PolicyDecision
        {
            DecisionId = decisionId,
            Timestamp = now,
            DryRun = options.DryRun,
            Results = results,
            Duration = Stopwatch.GetElapsedTime(started),
        };
    }

    /// <summary>Gets each rule's counters.</summary>
    /// <returns>The counters by rule name.</returns>
    public IReadOnlyDictionary<string, RuleStatistics> GetStatistics() =>
        _statistics.Where(e => e.Value.Touched).ToDictionary(e => e.Key, e => e.Value.Snapshot(), StringComparer.Ordinal);

    private void ReplaceValidated(PolicySet candidate)
    {
        var compiled = Compile(candidate, out var compileIssues);
        var errors = new PolicyValidator().Validate(candidate).Concat(compileIssues).Where(i => i.IsError).DistinctBy(i => (i.Code, i.Path)).ToArray();
        if (errors.Length > 0)
        {
            throw new PolicyValidationException(errors);
        }

        _current = compiled;
        CompilationIssues = compileIssues;
    }

    private static RuleResult NotRun(CompiledRule rule, RuleOutcome outcome, string reason, bool matched = false, IReadOnlyList<ConditionTrace>? trace = null) =>
        new() { Rule = rule.Name, Matched = matched, Outcome = outcome, Reason = reason, Conditions = trace };

    private CompiledPolicySet Compile(PolicySet policies, out IReadOnlyList<ValidationIssue> issues)
    {
        var found = new List<ValidationIssue>();
        var compiled = new PolicyCompiler(name => new RuleRuntime(name, _options.TimeProvider, _options.Random, _state, _statistics.GetOrAdd(name, static _ => new RuleCounters())), found).Compile(policies);
        issues = found;
        return compiled;
    }

    /// <summary>
    /// Runs one rule: its conditions synchronously, then, only for a rule whose conditions hold, the asynchronous
    /// part (limits, actions), so the rules that do not match cost no async state machine.
    /// </summary>
    private ValueTask<RuleResult> RunRuleAsync(DecisionRun run, CompiledRule rule, PolicyContext context, PathCache? paths, bool fromBucket, string? chainedFrom, int depth)
    {
        var started = Stopwatch.GetTimestamp();
        var trace = run.Options.Explain ? new List<ConditionTrace>() : null;
        return EvaluateRule(rule, context, paths, fromBucket, run.Options, chainedFrom, trace, started, out var rateSlots) is { } notFired
            ? new ValueTask<RuleResult>(notFired)
            : FireRuleAsync(run, rule, context, chainedFrom, depth, trace, rateSlots, started);
    }

    /// <summary>Evaluates a rule's conditions; returns its result when it cannot fire, or null when its conditions hold.</summary>
    private static RuleResult? EvaluateRule(
        CompiledRule rule,
        in PolicyContext context,
        PathCache? paths,
        bool fromBucket,
        EvaluationOptions options,
        string? chainedFrom,
        List<ConditionTrace>? trace,
        long started,
        out ulong rateSlots)
    {
        rateSlots = 0;
        var counters = rule.Runtime.Counters;
        counters.Touch();
        if (!rule.Rule.Enabled)
        {
            return rule.DisabledResult;
        }

        if (options.Scope is { } scope && rule.Rule.Scope != scope && chainedFrom is null)
        {
            return NotRun(rule, RuleOutcome.OutOfScope, $"the rule's scope is {rule.Rule.Scope.ToString().ToLowerInvariant()}, not {scope.ToString().ToLowerInvariant()}");
        }

        if (rule.HasErrors)
        {
            return NotRun(rule, RuleOutcome.Error, "the rule cannot be compiled: " + string.Join("; ", rule.CompileErrors));
        }

        var matched = rule.Evaluate(context, trace, out rateSlots, paths, fromBucket);
        counters.Evaluated(matched);
        if (matched)
        {
            return null;
        }

        counters.AddTime(Stopwatch.GetElapsedTime(started));
        if (rule.RateLimits.Length > 0 && rule.BlockedOnlyByRateLimit(context))
        {
            return NotRun(rule, RuleOutcome.RateLimited, "the conditions hold but a rate_limit window is full", matched: true, trace);
        }

        return trace is null ? rule.ConditionsFalseResult : NotRun(rule, RuleOutcome.ConditionsFalse, FirstFalse(trace) ?? CompiledRule.ConditionsFalseReason, trace: trace);
    }

    /// <summary>Checks a matched rule's limits and runs its actions.</summary>
    private async ValueTask<RuleResult> FireRuleAsync(
        DecisionRun run,
        CompiledRule rule,
        PolicyContext context,
        string? chainedFrom,
        int depth,
        List<ConditionTrace>? trace,
        ulong rateSlots,
        long started)
    {
        var counters = rule.Runtime.Counters;
        var (options, decisionId, now) = (run.Options, run.DecisionId, run.Now);

        // Made only when something renders: constant action parameters need no scope.
        TemplateScope? scopeForTemplates = null;
        string cooldownKey;
        try
        {
            cooldownKey = PolicyStateKey.AnyKey;
            if (rule.CooldownKey is { } key)
            {
                scopeForTemplates = NewTemplateScope(context, rule, decisionId, now);
                cooldownKey = Template.ToText(key.Render(scopeForTemplates, redact: false));
            }
        }
        catch (TemplateException ex)
        {
            return NotRun(rule, RuleOutcome.Error, "cooldown_key: " + ex.Message, matched: true, trace);
        }

        var decision = _state.TryFire(rule.FiringRequest(context, rateSlots, cooldownKey, _options.TimeProvider.GetUtcNow(), commit: !options.DryRun));
        if (decision != FiringDecision.Allowed)
        {
            counters.AddTime(Stopwatch.GetElapsedTime(started));
            var (outcome, reason) = decision switch
            {
                FiringDecision.Cooldown => (RuleOutcome.Cooldown, $"in cooldown ({rule.Rule.CooldownPeriod} s) for key {cooldownKey}"),
                FiringDecision.MaxExecutions => (RuleOutcome.MaxExecutions, $"reached max_executions ({rule.Rule.MaxExecutions}) for key {cooldownKey}"),
                _ => (RuleOutcome.RateLimited, "a rate_limit window is full"),
            };
            return NotRun(rule, outcome, reason, matched: true, trace);
        }

        var (actions, skipped) = await RunActionsAsync(run, rule, context, scopeForTemplates, depth).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        counters.Fired(AnyFailed(actions), elapsed);
        if (_options.Logger is { } logger)
        {
            LogFired(logger, rule.Name, decisionId, actions.Length);
        }

        return new RuleResult
        {
            Rule = rule.Name,
            Matched = true,
            Outcome = skipped ? RuleOutcome.Skipped : RuleOutcome.Fired,
            Reason = skipped ? "a skip action skipped the rule" : options.DryRun ? "the conditions hold (dry run: actions planned)" : "the conditions hold",
            Actions = actions,
            Conditions = trace,
            ChainedFrom = chainedFrom,
            Duration = elapsed,
        };
    }

    private TemplateScope NewTemplateScope(in PolicyContext context, CompiledRule rule, string decisionId, DateTimeOffset now) =>
        new(context, rule.Name, rule.Rule.Priority, decisionId, now, _options.EnvironmentVariable);

    private static bool AnyFailed(ActionResult[] actions)
    {
        foreach (var action in actions)
        {
            if (action.Status == ActionStatus.Failed)
            {
                return true;
            }
        }

        return false;
    }

    private static string? FirstFalse(List<ConditionTrace>? trace) =>
        trace?.FirstOrDefault(t => !t.Result && t.Field is not null) is { } leaf
            ? $"{leaf.Path}: {leaf.Field} {leaf.Type}{(leaf.Expected is null ? string.Empty : " " + leaf.Expected)} is false (actual {leaf.Actual})"
            : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rule {Rule} fired in decision {DecisionId} with {ActionCount} actions")]
    private static partial void LogFired(ILogger logger, string rule, string decisionId, int actionCount);
}
