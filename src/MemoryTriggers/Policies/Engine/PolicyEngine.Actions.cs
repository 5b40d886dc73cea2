using System.Diagnostics;
using MemoryTriggers.Actions;
using MemoryTriggers.Policies.Templates;

namespace MemoryTriggers.Policies;

/// <summary>The action half of the engine: conditional actions, templates, retries, timeouts, abort, skip and chains.</summary>
public sealed partial class PolicyEngine
{
    private async ValueTask<(ActionResult[] Actions, bool Skipped)> RunActionsAsync(DecisionRun run, CompiledRule rule, PolicyContext context, TemplateScope? scope, int depth)
    {
        var (options, decisionId, now) = (run.Options, run.DecisionId, run.Now);
        // Every action gets exactly one result, in order.
        var actions = new ActionResult[rule.Actions.Length];
        var count = 0;
        string? stoppedBy = null;
        var skipped = false;
        foreach (var action in rule.Actions)
        {
            if (stoppedBy is not null)
            {
                actions[count++] = new ActionResult { Type = action.Action.Type, Status = ActionStatus.Skipped, Error = $"not run: an earlier {stoppedBy} stopped the rule" };
                continue;
            }

            if (action.Condition is { } condition)
            {
                var conditionScope = new EvalScope(context, rule.Runtime, null);
                if (!condition.Evaluate(ref conditionScope))
                {
                    actions[count++] = new ActionResult { Type = action.Action.Type, Status = ActionStatus.Skipped, Error = "not run: its condition is false" };
                    continue;
                }
            }

            switch (action.Action.Type)
            {
                case PolicyActionType.Abort:
                    actions[count++] = new ActionResult { Type = PolicyActionType.Abort, Status = options.DryRun ? ActionStatus.Planned : ActionStatus.Succeeded };
                    stoppedBy = "abort";
                    continue;
                case PolicyActionType.Skip:
                    actions[count++] = new ActionResult { Type = PolicyActionType.Skip, Status = options.DryRun ? ActionStatus.Planned : ActionStatus.Succeeded };
                    stoppedBy = "skip";
                    skipped = true;
                    continue;
            }

            IReadOnlyDictionary<string, object?> parameters;
            IReadOnlyDictionary<string, object?> shown;
            if (action.Parameters.Constant is { } constant)
            {
                parameters = shown = constant;
            }
            else
            {
                scope ??= NewTemplateScope(context, rule, decisionId, now);
                try
                {
                    parameters = action.Parameters.Render(scope, redact: false);
                    shown = action.Parameters.UsesEnvironment ? action.Parameters.Render(scope, redact: true) : parameters;
                }
                catch (TemplateException ex)
                {
                    actions[count++] = new ActionResult { Type = action.Action.Type, Status = ActionStatus.Failed, Error = ex.Message };
                    continue;
                }
            }

            var result = action.Action.Type == PolicyActionType.ChainPolicy
                ? await ChainAsync(run, rule, parameters, shown, context, depth).ConfigureAwait(false)
                : options.DryRun
                    ? new ActionResult { Type = action.Action.Type, Status = ActionStatus.Planned, Parameters = shown }
                    : await ExecuteAsync(rule, action, parameters, shown, context, decisionId, run.CancellationToken).ConfigureAwait(false);
            if (rule.UsesActionOutputs)
            {
                // Only a later ${actions.TYPE.KEY} reads these, so they are recorded only for rules that have one.
                scope ??= NewTemplateScope(context, rule, decisionId, now);
                scope.RecordAction(action.TypeName, result.Output, planned: result.Status == ActionStatus.Planned);
            }

            actions[count++] = scope is { HasSecrets: true } ? Scrub(result, scope.Secrets) : result;
        }

        Debug.Assert(count == actions.Length, "an action without a result");
        return (actions, skipped);
    }

    private async ValueTask<ActionResult> ExecuteAsync(
        CompiledRule rule,
        CompiledAction action,
        IReadOnlyDictionary<string, object?> parameters,
        IReadOnlyDictionary<string, object?> shown,
        PolicyContext context,
        string decisionId,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (!_executors.TryGetValue(action.Action.Type, out var executor))
        {
            return new ActionResult
            {
                Type = action.Action.Type,
                Status = ActionStatus.Failed,
                Parameters = shown,
                Error = $"no executor for {action.TypeName} is configured",
            };
        }

        var request = new ActionRequest
        {
            Type = action.Action.Type,
            RuleName = rule.Name,
            DecisionId = decisionId,
            Parameters = parameters,
            Context = context,
            Timeout = action.Action.Timeout,
        };
        var attempts = 0;
        string? error = null;
        TimeSpan? retryAfter = null;
        while (attempts <= Math.Max(0, action.Action.RetryCount))
        {
            var delay = TimeSpan.FromSeconds(Math.Max(0, action.Action.RetryDelay));
            if (retryAfter > delay)
            {
                delay = retryAfter.Value;
            }

            if (attempts > 0 && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }

            attempts++;
            // Without a timeout the caller's token is passed as is: no token sources per action.
            using var timeout = action.Action.Timeout is { } seconds and > 0
                ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), _options.TimeProvider)
                : null;
            using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                var output = await executor.ExecuteAsync(request, linked?.Token ?? cancellationToken).ConfigureAwait(false);
                return new ActionResult
                {
                    Type = action.Action.Type,
                    Status = ActionStatus.Succeeded,
                    Parameters = shown,
                    Output = output.Values,
                    Attempts = attempts,
                    Duration = Stopwatch.GetElapsedTime(started),
                };
            }
            catch (OperationCanceledException) when (timeout is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
            {
                error = $"timed out after {action.Action.Timeout} s";
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The executor's own cancellation (an HTTP client's timeout, say) is a failure of this action, not of the caller.
                error = ex.Message;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
            {
                error = ex.Message;
                if (ex is ActionFailedException failed)
                {
                    // A refused URL or a 4xx answer fails the same way every time.
                    if (!failed.IsRetryable)
                    {
                        break;
                    }

                    retryAfter = failed.RetryAfter;
                }
            }
        }

        return new ActionResult
        {
            Type = action.Action.Type,
            Status = ActionStatus.Failed,
            Parameters = shown,
            Error = attempts > 1 ? $"{error} (after {attempts} attempts)" : error,
            Attempts = attempts,
            Duration = Stopwatch.GetElapsedTime(started),
        };
    }

    private async ValueTask<ActionResult> ChainAsync(
        DecisionRun run,
        CompiledRule rule,
        IReadOnlyDictionary<string, object?> parameters,
        IReadOnlyDictionary<string, object?> shown,
        PolicyContext context,
        int depth)
    {
        ActionResult Failed(string error) => new() { Type = PolicyActionType.ChainPolicy, Status = ActionStatus.Failed, Parameters = shown, Error = error };

        var name = (parameters.GetValueOrDefault("policy_name") ?? parameters.GetValueOrDefault("rule")) as string;
        if (name is null)
        {
            return Failed("chain_policy needs the parameter policy_name");
        }

        if (!run.Set.ByName.TryGetValue(name, out var target))
        {
            return Failed($"chain_policy: no rule named '{name}'");
        }

        if (depth + 1 > _options.MaxChainDepth)
        {
            return Failed($"chain_policy: chain depth limit {_options.MaxChainDepth} reached at '{name}'");
        }

        var merged = parameters.GetValueOrDefault("context") is IReadOnlyDictionary<string, object?> overlay ? context.With(overlay) : context;
        var position = run.Results.Count;
        var chained = await RunRuleAsync(run with { Options = run.Options with { Scope = null } }, target, merged, paths: null, fromBucket: false, rule.Name, depth + 1).ConfigureAwait(false);
        run.Results.Insert(position, chained with { ChainedFrom = rule.Name });
        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["rule"] = name,
            ["matched"] = chained.Matched,
            ["fired"] = chained.Fired,
            ["outcome"] = YamlNames.Of(chained.Outcome),
        };
        if (chained.Fired && !chained.Succeeded)
        {
            var failure = chained.Actions.First(a => a.Status == ActionStatus.Failed);
            return Failed($"chained rule '{name}' failed: {YamlNames.Of(failure.Type)}: {failure.Error}") with { Output = output };
        }

        return new ActionResult
        {
            Type = PolicyActionType.ChainPolicy,
            Status = run.Options.DryRun ? ActionStatus.Planned : ActionStatus.Succeeded,
            Parameters = shown,
            Output = output,
            Attempts = 1,
        };
    }

    /// <summary>Replaces the values of <c>${env:...}</c> variables wherever they show up in an action's outputs or error.</summary>
    private static ActionResult Scrub(ActionResult result, HashSet<string> secrets) => result with
    {
        Output = (IReadOnlyDictionary<string, object?>)ScrubValue(result.Output, secrets)!,
        Error = (string?)ScrubValue(result.Error, secrets),
    };

    private static object? ScrubValue(object? value, HashSet<string> secrets) => value switch
    {
        string text => secrets.Aggregate(text, (current, secret) => current.Replace(secret, "***", StringComparison.Ordinal)),
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(e => e.Key, e => ScrubValue(e.Value, secrets), StringComparer.Ordinal),
        System.Collections.IEnumerable items and not string => items.Cast<object?>().Select(item => ScrubValue(item, secrets)).ToList(),
        _ => value,
    };
}
