using MemoryTriggers.Actions;
using MemoryTriggers.Policies;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;

namespace MemoryTriggers.Tests.Policies.Engine;

/// <summary>Action order, abort, skip, conditional actions, failures, retries and timeouts.</summary>
public sealed partial class PolicyEngineTests
{
    [Fact]
    public void Actions_RunInAscendingPriorityTiesInFileOrder()
    {
        var engine = Engine(Rule("r").Do(Log("a", 3), Log("b", 1), Log("c", 2), Log("d", 1), Log("e"), Log("f", -1)));

        var result = engine.ExecuteRules(Json("{}")).Only("r");

        string[] expected = ["f", "e", "b", "d", "c", "a"];
        Assert.Equal(expected, _executor.Labels);
        Assert.Equal(expected, result.Actions.Select(a => a.Parameters["label"]));
    }

    [Fact]
    public void Actions_ResultCarriesOutputsAttemptsAndParameters()
    {
        var engine = Engine(Rule("r").Do(Action(PolicyActionType.CreateMemory, ("content", "c"))));

        var action = Assert.Single(engine.ExecuteRules(Json("{}")).Only("r").Actions);

        Assert.Equal(PolicyActionType.CreateMemory, action.Type);
        Assert.Equal(ActionStatus.Succeeded, action.Status);
        Assert.Equal("mem-1", action.Output["memory_id"]);
        Assert.Equal(1, action.Attempts);
        Assert.Equal("c", action.Parameters["content"]);
        Assert.Null(action.Error);
    }

    [Fact]
    public void Actions_RequestCarriesRuleDecisionContextAndTimeout()
    {
        var engine = Engine(Rule("r").Do(Log("x") with { Timeout = 2.5 }));
        PolicyContext context = Json("""{"user": "u1"}""");

        var decision = engine.ExecuteRules(context);

        var request = Assert.Single(_executor.Requests);
        Assert.Equal(PolicyActionType.LogEvent, request.Type);
        Assert.Equal("r", request.RuleName);
        Assert.Equal(decision.DecisionId, request.DecisionId);
        Assert.Equal(2.5, request.Timeout);
        Assert.True(request.Context.TryGetValue("user", out var user));
        Assert.Equal("u1", user);
    }

    [Fact]
    public void Abort_StopsLaterActions_RuleStillSucceeds()
    {
        var engine = Engine(Rule("r").Do(Log("before"), Action(PolicyActionType.Abort), Log("after"), Log("later")));

        var result = engine.ExecuteRules(Json("{}")).Only("r");

        Assert.Equal(["before"], _executor.Labels);
        Assert.Equal(RuleOutcome.Fired, result.Outcome);
        Assert.True(result.Succeeded);
        Assert.Equal([ActionStatus.Succeeded, ActionStatus.Succeeded, ActionStatus.Skipped, ActionStatus.Skipped], result.Actions.Select(a => a.Status));
        Assert.Contains("abort", result.Actions[2].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Abort_ByPriority_StopsOnlyActionsOrderedAfterIt()
    {
        var engine = Engine(Rule("r").Do(Log("late", 9), Action(PolicyActionType.Abort) with { Priority = 5 }, Log("early", 1)));

        engine.ExecuteRules(Json("{}"));

        Assert.Equal(["early"], _executor.Labels);
    }

    [Fact]
    public void Abort_WithFalseCondition_DoesNotStopTheRule()
    {
        var engine = Engine(Rule("r").Do(Action(PolicyActionType.Abort) with { Condition = Eq("stop", true) }, Log("after")));

        engine.ExecuteRules(Json("""{"stop": false}"""));
        engine.ExecuteRules(Json("""{"stop": true}"""));

        Assert.Equal(["after"], _executor.Labels);
    }

    [Fact]
    public void Skip_MarksTheRuleSkippedAndStopsLaterActions()
    {
        var engine = Engine(Rule("r").Do(Log("before"), Action(PolicyActionType.Skip), Log("after")), Rule("other").Do(Log("other")));

        var decision = engine.ExecuteRules(Json("{}"));

        var result = decision.Only("r");
        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.False(result.Fired);
        Assert.True(result.Matched);
        Assert.Equal(["other"], decision.FiredRules);
        Assert.Equal(["before", "other"], _executor.Labels);
        Assert.Equal(ActionStatus.Skipped, result.Actions[2].Status);
        Assert.Contains("skip", result.Actions[2].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ConditionalAction_FalseCondition_IsSkippedOthersRun()
    {
        var engine = Engine(Rule("r").Do(
            Log("always"),
            Log("vip") with { Condition = Eq("user.tier", "vip") },
            Log("not_vip") with { Condition = Not(Eq("user.tier", "vip")) }));

        var result = engine.ExecuteRules(Json("""{"user": {"tier": "free"}}""")).Only("r");

        Assert.Equal(["always", "not_vip"], _executor.Labels);
        Assert.Equal([ActionStatus.Succeeded, ActionStatus.Skipped, ActionStatus.Succeeded], result.Actions.Select(a => a.Status));
        Assert.Contains("condition", result.Actions[1].Error, StringComparison.Ordinal);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void ConditionalAction_ConditionOfAnyType_IsEvaluated()
    {
        var engine = Engine(Rule("r").Do(
            Log("composite") with { Condition = And(Gt("n", 1), Or(Eq("a", "x"), Exists("b"))) },
            Log("regex") with { Condition = Regex("a", "^x") }));

        engine.ExecuteRules(Json("""{"n": 2, "a": "x"}"""));
        engine.ExecuteRules(Json("""{"n": 0, "a": "y"}"""));

        Assert.Equal(["composite", "regex"], _executor.Labels);
    }

    [Fact]
    public void FailedAction_IsRecordedLaterActionsStillRun()
    {
        _executor.Behavior = (request, _) => (string?)request.Parameters["label"] == "bad"
            ? throw new ActionFailedException("backend down")
            : ValueTask.FromResult(ActionOutput.Empty);
        var engine = Engine(Rule("r").Do(Log("bad"), Log("good")));

        var result = engine.ExecuteRules(Json("{}")).Only("r");

        Assert.Equal(RuleOutcome.Fired, result.Outcome);
        Assert.False(result.Succeeded);
        Assert.Equal(ActionStatus.Failed, result.Actions[0].Status);
        Assert.Equal("backend down", result.Actions[0].Error);
        Assert.Equal(1, result.Actions[0].Attempts);
        Assert.Equal(ActionStatus.Succeeded, result.Actions[1].Status);
    }

    [Fact]
    public void FailedAction_AnyExceptionType_IsCaught()
    {
        _executor.Behavior = (_, _) => throw new InvalidOperationException("unexpected");
        var engine = Engine(Rule("r").Do(Log("x")));

        var action = engine.ExecuteRules(Json("{}")).Only("r").Actions[0];

        Assert.Equal(ActionStatus.Failed, action.Status);
        Assert.Equal("unexpected", action.Error);
    }

    [Fact]
    public async Task FailedAction_ExecutorThrowingItsOwnCancellation_IsAFailureNotAnEscape()
    {
        // HttpClient reports its own timeout as TaskCanceledException; the caller did not cancel.
        _executor.Behavior = (_, _) => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.");
        var engine = Engine(Rule("r").Do(Log("x"), Log("y")));

        var exception = await Record.ExceptionAsync(async () => await engine.ExecuteRulesAsync(Json("{}")));

        Assert.Null(exception);
        var decision = await engine.ExecuteRulesAsync(Json("{}"));
        Assert.All(decision.Only("r").Actions, a => Assert.Equal(ActionStatus.Failed, a.Status));
    }

    [Fact]
    public void MissingExecutor_FailsTheActionWithAClearError()
    {
        var executor = new RecordingExecutor { Types = [PolicyActionType.LogEvent] };
        var engine = new PolicyEngine(Set(Rule("r").Do(Action(PolicyActionType.ExecuteWebhook, ("url", "https://x")), Log("log"))), TestEngines.Options(executor, _time));

        var result = engine.ExecuteRules(Json("{}")).Only("r");

        Assert.Equal(ActionStatus.Failed, result.Actions[0].Status);
        Assert.Equal("no executor for execute_webhook is configured", result.Actions[0].Error);
        Assert.Equal(ActionStatus.Succeeded, result.Actions[1].Status);
    }

    [Fact]
    public async Task Retry_FailuresThenSuccess_RetriesWithTheDelayOnTheEngineClock()
    {
        var attempts = 0;
        _executor.Behavior = (_, _) => ++attempts <= 2 ? throw new ActionFailedException("flaky " + attempts) : ValueTask.FromResult(ActionOutput.Of(("ok", true)));
        var engine = Engine(Rule("r").Do(Log("x") with { RetryCount = 3, RetryDelay = 5 }));

        var decision = await _time.Drive(engine.ExecuteRulesAsync(Json("{}")).AsTask(), TimeSpan.FromSeconds(5));

        var action = decision.Only("r").Actions[0];
        Assert.Equal(ActionStatus.Succeeded, action.Status);
        Assert.Equal(3, action.Attempts);
        Assert.Equal(true, action.Output["ok"]);
        var times = _executor.Times;
        Assert.Equal(3, times.Count);
        Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(5), $"first retry after {times[1] - times[0]}");
        Assert.True(times[2] - times[1] >= TimeSpan.FromSeconds(5), $"second retry after {times[2] - times[1]}");
    }

    [Fact]
    public async Task Retry_AlwaysFailing_FailsAfterRetryCountPlusOneAttempts()
    {
        var attempts = 0;
        _executor.Behavior = (_, _) => throw new ActionFailedException("down " + ++attempts);
        var engine = Engine(Rule("r").Do(Log("x") with { RetryCount = 2, RetryDelay = 1 }));

        var decision = await _time.Drive(engine.ExecuteRulesAsync(Json("{}")).AsTask(), TimeSpan.FromSeconds(1));

        var action = decision.Only("r").Actions[0];
        Assert.Equal(ActionStatus.Failed, action.Status);
        Assert.Equal(3, action.Attempts);
        Assert.Equal(3, attempts);
        Assert.Equal("down 3 (after 3 attempts)", action.Error);
    }

    [Fact]
    public void Retry_ZeroDelay_RetriesWithoutWaiting()
    {
        var attempts = 0;
        _executor.Behavior = (_, _) => ++attempts < 3 ? throw new ActionFailedException("x") : ValueTask.FromResult(ActionOutput.Empty);
        var engine = Engine(Rule("r").Do(Log("x") with { RetryCount = 5, RetryDelay = 0 }));

        var action = engine.ExecuteRules(Json("{}")).Only("r").Actions[0];

        Assert.Equal(ActionStatus.Succeeded, action.Status);
        Assert.Equal(3, action.Attempts);
        Assert.Equal(TestEngines.Start, _time.GetUtcNow());
    }

    [Fact]
    public void Retry_NoRetryCount_TriesOnce()
    {
        var attempts = 0;
        _executor.Behavior = (_, _) => throw new ActionFailedException("once " + ++attempts);
        var engine = Engine(Rule("r").Do(Log("x")));

        var action = engine.ExecuteRules(Json("{}")).Only("r").Actions[0];

        Assert.Equal(1, attempts);
        Assert.Equal("once 1", action.Error);
    }

    [Fact]
    public async Task Timeout_SlowAction_FailsAfterTimeoutSecondsOnTheEngineClock()
    {
        var canceled = false;
        _executor.Behavior = async (_, cancellationToken) =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                canceled = true;
                throw;
            }

            return ActionOutput.Empty;
        };
        var engine = Engine(Rule("r").Do(Log("slow") with { Timeout = 3 }));

        var decision = await _time.Drive(engine.ExecuteRulesAsync(Json("{}")).AsTask(), TimeSpan.FromSeconds(1));

        var action = decision.Only("r").Actions[0];
        Assert.Equal(ActionStatus.Failed, action.Status);
        Assert.Equal("timed out after 3 s", action.Error);
        Assert.True(canceled);
        Assert.True(_time.GetUtcNow() - TestEngines.Start >= TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Timeout_WithRetries_EachAttemptTimesOut()
    {
        _executor.Behavior = async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return ActionOutput.Empty;
        };
        var engine = Engine(Rule("r").Do(Log("slow") with { Timeout = 2, RetryCount = 1, RetryDelay = 1 }));

        var decision = await _time.Drive(engine.ExecuteRulesAsync(Json("{}")).AsTask(), TimeSpan.FromSeconds(1));

        var action = decision.Only("r").Actions[0];
        Assert.Equal(ActionStatus.Failed, action.Status);
        Assert.Equal(2, action.Attempts);
        Assert.Equal("timed out after 2 s (after 2 attempts)", action.Error);
    }

    [Fact]
    public async Task Timeout_FastAction_Succeeds()
    {
        _executor.Behavior = async (_, cancellationToken) =>
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            return ActionOutput.Empty;
        };
        var engine = Engine(Rule("r").Do(Log("fast") with { Timeout = 3 }));

        var decision = await engine.ExecuteRulesAsync(Json("{}"));

        Assert.Equal(ActionStatus.Succeeded, decision.Only("r").Actions[0].Status);
    }

    [Fact]
    public async Task Cancellation_ByTheCaller_IsNotReportedAsATimeout()
    {
        using var cancellation = new CancellationTokenSource();
        _executor.Behavior = async (_, cancellationToken) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return ActionOutput.Empty;
        };
        var engine = Engine(Rule("r").Do(Log("x") with { Timeout = 30, RetryCount = 3 }));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await engine.ExecuteRulesAsync(Json("{}"), cancellationToken: cancellation.Token));
        Assert.Single(_executor.Requests);
    }
}
