using System.Diagnostics.Metrics;
using System.Text.Json;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Policies;
using MemoryTriggers.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Runtime;

public sealed class MemoryTriggerServiceTests : IDisposable
{
    private const string Rules = """
        rules:
          remember_errors:
            priority: 10
            conditions:
              - type: equals
                field: event_type
                value: error
            actions:
              - type: create_memory
                parameters:
                  content: "Error: ${error_message}"
                  tags: [error]
                  user_id: "${user_id:-}"
        """;

    private static readonly TriggerPolicyConfig ErrorPolicy = new()
    {
        TriggerType = MemoryTriggerType.Error,
        SuccessThreshold = 1.0,
        FailureThreshold = 0.0,
        CreateOnSuccess = false,
        CreateOnFailure = false,
        CreateOnError = true,
        MinContextLength = 10,
        MaxContextLength = 200,
        ContextRequiredFields = ["error_message"],
        MinTriggerConfidence = 0.7,
        MaxTriggersPerMinute = 3,
        CooldownPeriodSeconds = 10,
        AgentTriggerPatterns = ["error", "refused", "timeout"],
        RequireQualityValidation = true,
    };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryMemoryStore _store;
    private readonly MemoryTriggersMetrics _metrics = new();

    public MemoryTriggerServiceTests() => _store = new InMemoryMemoryStore(_time, TimeSpan.Zero);

    public void Dispose() => _metrics.Dispose();

    private static MemoryTriggerConfig Config(TriggerPolicyConfig? policy = null, int operationsPerSecond = 1000) =>
        EnvironmentPresets.Get(MemoryTriggers.Configuration.Environment.Development) with
        {
            MaxMemoryOperationsPerSecond = operationsPerSecond,
            TriggerPolicies = policy is null ? ValueMap<TriggerPolicyConfig>.Empty : new Dictionary<string, TriggerPolicyConfig> { ["errors"] = policy },
            Features = FeatureFlags.Defaults,
        };

    private static PolicySet Policies(string yaml = Rules)
    {
        var loaded = PolicyLoader.LoadFromString(yaml, "rules.yaml");
        Assert.DoesNotContain(loaded.Issues, i => i.IsError);
        return loaded.Policies;
    }

    private MemoryTriggerService Service(MemoryTriggerConfig config, string yaml = Rules) =>
        new(config, Policies(yaml), _store, new MemoryTriggerServiceOptions { TimeProvider = _time, Metrics = _metrics });

    private static TriggerEvent Error(string message = "database connection refused", string? agent = "a1", double? confidence = 0.9, double? quality = null, string id = "e1", string? user = "u1") => new()
    {
        Id = id,
        TriggerType = MemoryTriggerType.Error,
        Timestamp = DateTimeOffset.UnixEpoch,
        AgentId = agent,
        UserId = user,
        Confidence = confidence,
        QualityScore = quality,
        Payload = JsonSerializer.SerializeToElement(new Dictionary<string, object?> { ["error_message"] = message }),
    };

    [Fact]
    public async Task ProcessAsync_AdmittedError_FiresTheRuleAndStoresTheMemory()
    {
        using var service = Service(Config(ErrorPolicy));

        var result = await service.ProcessAsync(Error());

        Assert.Equal((TriggerOutcome.Processed, "errors"), (result.Outcome, result.TriggerPolicy));
        Assert.Equal(["remember_errors"], result.FiredRules);
        Assert.Equal("Error: database connection refused", Assert.Single(await _store.ListAsync()).Content);
        Assert.Contains("Admitted by trigger policy 'errors' (error)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_GlobalDisabledOrFeatureOff_IsGatedBeforeAnything()
    {
        using var off = Service(Config(ErrorPolicy) with { GlobalEnabled = false });
        using var noErrors = Service(Config(ErrorPolicy) with { Features = new Dictionary<string, bool> { [FeatureFlags.ErrorTriggers] = false, [FeatureFlags.AutoRecall] = true } });

        Assert.Equal(GateReason.GlobalDisabled, (await off.ProcessAsync(Error())).Gate);
        var gated = await noErrors.ProcessAsync(Error());
        Assert.Equal(GateReason.FeatureDisabled, gated.Gate);
        Assert.Contains("error_triggers", gated.Reason, StringComparison.Ordinal);
        Assert.Empty(await _store.ListAsync());
    }

    public static TheoryData<TriggerPolicyConfig, TriggerEvent, GateReason> Refusals() => new()
    {
        { ErrorPolicy with { Enabled = false }, Error(), GateReason.PolicyDisabled },
        { ErrorPolicy with { CreateOnError = false }, Error(), GateReason.OutcomeNotRecorded },
        { ErrorPolicy with { AgentName = "billing" }, Error(agent: "a1"), GateReason.AgentMismatch },
        { ErrorPolicy, Error("disk is full on node seven"), GateReason.NoTriggerPattern },
        { ErrorPolicy with { MinContextLength = 100 }, Error(), GateReason.ContextTooShort },
        { ErrorPolicy with { MaxContextLength = 20 }, Error(), GateReason.ContextTooLong },
        { ErrorPolicy with { ContextRequiredFields = ["error_message", "stack_trace"] }, Error(), GateReason.MissingContextFields },
        { ErrorPolicy, Error(confidence: 0.5), GateReason.LowConfidence },
        { ErrorPolicy, Error(quality: 0.1), GateReason.LowQuality },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ProcessAsync_EventATriggerPolicyRefuses_IsGatedWithThatReason(TriggerPolicyConfig policy, TriggerEvent e, GateReason expected)
    {
        var config = Config(policy);
        using var service = Service(config with { Features = new Dictionary<string, bool>(config.Features) { [FeatureFlags.QualityAssessment] = true } });

        var result = await service.ProcessAsync(e);

        Assert.Equal((TriggerOutcome.Gated, expected, "errors"), (result.Outcome, result.Gate!.Value, result.TriggerPolicy));
        Assert.Empty(result.FiredRules);
        Assert.Empty(await _store.ListAsync());
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(false, null, false)]
    [InlineData(null, 0.9, true)]
    [InlineData(null, 0.1, false)]
    [InlineData(null, 0.5, false)]
    [InlineData(null, null, true)]
    public async Task ProcessAsync_WorkflowOutcome_FollowsTheFlagThenTheScoreAgainstTheThresholds(bool? success, double? quality, bool admitted)
    {
        var policy = new TriggerPolicyConfig { TriggerType = MemoryTriggerType.Workflow, SuccessThreshold = 0.8, FailureThreshold = 0.3, CreateOnFailure = false, MinContextLength = 0, MinTriggerConfidence = 0 };
        using var service = Service(Config(policy));
        var e = new TriggerEvent { Id = "w", TriggerType = MemoryTriggerType.Workflow, Timestamp = DateTimeOffset.UnixEpoch, Success = success, QualityScore = quality };

        var result = await service.ProcessAsync(e);

        Assert.Equal(admitted, result.Outcome == TriggerOutcome.Processed);
        if (!admitted)
        {
            Assert.Equal(quality == 0.5 ? GateReason.OutcomeInconclusive : GateReason.OutcomeNotRecorded, result.Gate);
        }
    }

    [Fact]
    public async Task ProcessAsync_SameSubjectWithinCooldown_IsGatedUntilItPasses()
    {
        using var service = Service(Config(ErrorPolicy));

        var first = await service.ProcessAsync(Error(id: "1"));
        var again = await service.ProcessAsync(Error("database timeout", id: "2"));
        var otherAgent = await service.ProcessAsync(Error("database timeout", agent: "a2", id: "3"));
        _time.Advance(TimeSpan.FromSeconds(10));
        var later = await service.ProcessAsync(Error("database timeout again", id: "4"));

        Assert.Equal(
            [TriggerOutcome.Processed, TriggerOutcome.Gated, TriggerOutcome.Processed, TriggerOutcome.Processed],
            new[] { first, again, otherAgent, later }.Select(r => r.Outcome));
        Assert.Equal(GateReason.Cooldown, again.Gate);
    }

    [Fact]
    public async Task ProcessAsync_MoreThanMaxTriggersPerMinute_IsRateLimitedForAMinute()
    {
        using var service = Service(Config(ErrorPolicy with { CooldownPeriodSeconds = 0 }));

        var results = new List<TriggerResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await service.ProcessAsync(Error($"error number {i}", id: $"e{i}")));
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        var afterAMinute = await service.ProcessAsync(Error("error again", id: "e9"));

        Assert.Equal([null, null, null, GateReason.RateLimited, GateReason.RateLimited], results.Select(r => r.Gate));
        Assert.Equal(TriggerOutcome.Processed, afterAMinute.Outcome);
    }

    [Fact]
    public async Task ProcessAsync_TypeWithoutTriggerPolicy_GoesStraightToTheRules()
    {
        using var service = Service(Config());

        var result = await service.ProcessAsync(Error());

        Assert.Equal((TriggerOutcome.Processed, (string?)null), (result.Outcome, result.TriggerPolicy));
        Assert.Contains("No trigger policy for error events", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_OverMaxMemoryOperationsPerSecond_FailsTheActionVisiblyUntilTokensReturn()
    {
        // Auto-recall is a memory operation too; switched off so only the creates count.
        var config = Config(operationsPerSecond: 2);
        using var service = Service(config with { Features = new Dictionary<string, bool>(config.Features) { [FeatureFlags.AutoRecall] = false } });

        var results = new List<TriggerResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await service.ProcessAsync(Error($"failure {i}", id: $"e{i}", user: null)));
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        var refilled = await service.ProcessAsync(Error("failure 4", id: "e4", user: null));

        var statuses = results.Select(r => r.Decision!.Results.Single().Actions.Single().Status).ToList();
        Assert.Equal([ActionStatus.Succeeded, ActionStatus.Succeeded, ActionStatus.Failed], statuses);
        Assert.Contains("max_memory_operations_per_second", results[2].Decision!.Results.Single().Actions.Single().Error, StringComparison.Ordinal);
        Assert.Equal(ActionStatus.Succeeded, refilled.Decision!.Results.Single().Actions.Single().Status);
        Assert.Equal(3, (await _store.ListAsync()).Count);
        Assert.Contains("Failed actions: remember_errors/create_memory: ", results[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_RuleInItsCooldown_ReasonSaysWhichLimitHeldIt()
    {
        using var service = Service(Config(), Rules.Replace("    priority: 10\n", "    priority: 10\n    cooldown_period: 60\n", StringComparison.Ordinal));

        var first = await service.ProcessAsync(Error("failure one", id: "e1"));
        var second = await service.ProcessAsync(Error("failure two", id: "e2"));

        Assert.Contains("Rules fired: remember_errors.", first.Reason, StringComparison.Ordinal);
        Assert.Contains("No rule fired. Held by limits: remember_errors (cooldown).", second.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_ErrorOrAgentStart_RecallsRelevantMemoriesThroughTheCache()
    {
        var stored = (await _store.CreateAsync(new MemoryDraft { Content = "database connection refused: restart the pool", UserId = "u1" })).Record;
        var config = Config() with { Performance = Config().Performance with { CacheEnabled = true, CacheTtlSeconds = 60, CacheMaxSize = 10 } };
        using var service = Service(config, "rules: {}");
        var start = new TriggerEvent
        {
            Id = "s",
            TriggerType = MemoryTriggerType.Agent,
            Timestamp = DateTimeOffset.UnixEpoch,
            UserId = "u1",
            Payload = JsonSerializer.SerializeToElement(new { operation = "start", message = "database connection" }),
        };

        var first = await service.ProcessAsync(Error());
        await _store.DeleteAsync(stored.Id);
        var cached = await service.ProcessAsync(Error(id: "e2"));
        _time.Advance(TimeSpan.FromSeconds(61));
        var expired = await service.ProcessAsync(Error(id: "e3"));
        var agentStart = await service.ProcessAsync(start);
        var notAStart = await service.ProcessAsync(start with { Payload = JsonSerializer.SerializeToElement(new { operation = "run", message = "database connection" }) });

        Assert.Equal([stored.Id], first.RecalledMemories.Select(m => m.Id));
        Assert.Equal([stored.Id], cached.RecalledMemories.Select(m => m.Id));
        Assert.Empty(expired.RecalledMemories);
        Assert.Empty(notAStart.RecalledMemories);
        Assert.Empty(agentStart.RecalledMemories);
    }

    [Fact]
    public async Task ProcessAsync_ThirdSimilarError_DerivesOnePatternEventThatRulesSee()
    {
        const string rules = """
            rules:
              on_pattern:
                conditions:
                  - type: equals
                    field: event_type
                    value: pattern
                  - type: greater_than
                    field: occurrences
                    value: 2
                actions:
                  - type: log_event
                    parameters:
                      message: "${pattern.name}"
            """;
        using var service = Service(Config(), rules);

        var results = new List<TriggerResult>();
        foreach (var (message, i) in new[] { "connection refused on db-1", "connection refused on db-22", "disk full", "Connection refused on DB-3", "connection refused on db-4" }.Select((m, i) => (m, i)))
        {
            results.Add(await service.ProcessAsync(Error(message, id: $"e{i}")));
        }

        Assert.Equal([false, false, false, true, false], results.Select(r => r.Pattern is not null));
        var pattern = results[3].Pattern!;
        Assert.Equal((MemoryTriggerType.Pattern, TriggerOutcome.Processed), (pattern.TriggerType, pattern.Outcome));
        Assert.Equal(["on_pattern"], pattern.FiredRules);
    }

    [Fact]
    public async Task ProcessAsync_SameEventReplayed_IsOneOccurrenceForPatternDetection()
    {
        using var service = Service(Config(), "rules: {}");

        var results = new List<TriggerResult>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await service.ProcessAsync(Error("connection refused on db-1", id: "same")));
        }

        Assert.All(results, r => Assert.Null(r.Pattern));
    }

    [Fact]
    public void Similarity_IsTheJaccardIndexOfNormalizedWords()
    {
        Assert.Equal(1.0, PatternDetector.Similarity(PatternDetector.Normalize("Timeout after 30 s"), PatternDetector.Normalize("timeout after 45 S")));
        Assert.Equal(0.5, PatternDetector.Similarity(PatternDetector.Normalize("a b c"), PatternDetector.Normalize("a b d")), 3);
        Assert.Equal(0.0, PatternDetector.Similarity(PatternDetector.Normalize("..."), PatternDetector.Normalize("a")));
    }

    [Fact]
    public async Task Apply_NewPolicies_TakeEffectAtOnceAndBadOnesChangeNothing()
    {
        using var service = Service(Config());
        var renamed = Rules.Replace("remember_errors", "keep_errors", StringComparison.Ordinal);

        var before = await service.ProcessAsync(Error(id: "1"));
        var issues = service.Apply(Config(), Policies(renamed));
        var after = await service.ProcessAsync(Error("another error", id: "2"));
        var broken = new PolicySet { Rules = [Policies(renamed).Rules[0] with { Conditions = [new PolicyCondition { Type = PolicyConditionType.MatchesRegex, Field = "x", RegexPattern = "(" }] }] };
        var refused = service.Apply(Config(), broken);

        Assert.DoesNotContain(issues, i => i.IsError);
        Assert.Equal(["remember_errors"], before.FiredRules);
        Assert.Equal(["keep_errors"], after.FiredRules);
        Assert.Contains(refused, i => i.IsError);
        Assert.Equal(["keep_errors"], (await service.ProcessAsync(Error("third error", id: "3"))).FiredRules);
    }

    [Fact]
    public async Task ProcessAsync_Event_RecordsMetricsOnTheMemoryTriggersMeter()
    {
        var measurements = new List<(string Name, long Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == _metrics.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();
        using var service = Service(Config(ErrorPolicy));

        await service.ProcessAsync(Error(id: "1"));
        await service.ProcessAsync(Error(id: "2"));

        Assert.Equal(MemoryTriggersMetrics.MeterName, _metrics.Meter.Name);
        Assert.Contains(("memorytriggers.events", 1L, "trigger_type=error,outcome=processed"), measurements);
        Assert.Contains(("memorytriggers.events.gated", 1L, "reason=cooldown,trigger_type=error"), measurements);
        Assert.Contains(("memorytriggers.rules.fired", 1L, "rule=remember_errors"), measurements);
        Assert.Contains(("memorytriggers.actions", 1L, "type=create_memory,status=succeeded"), measurements);
        Assert.Contains(("memorytriggers.memory.operations", 1L, "operation=create,status=succeeded"), measurements);
    }

    [Fact]
    public async Task ProcessAsync_ConcurrentLoad_HoldsTheTriggerRateAndTheMemoryOperationRateExactly()
    {
        var config = Config(ErrorPolicy with { CooldownPeriodSeconds = 0, MaxTriggersPerMinute = 50 }, operationsPerSecond: 20);
        using var service = Service(config with { Features = new Dictionary<string, bool>(config.Features) { [FeatureFlags.AutoRecall] = false, [FeatureFlags.PatternDetection] = false } });

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var mine = new List<TriggerResult>();
            for (var i = 0; i < 100; i++)
            {
                mine.Add(await service.ProcessAsync(Error($"error {worker}-{i}", agent: $"agent-{worker}", id: $"{worker}-{i}", user: null)));
            }

            return mine;
        })));

        var all = results.SelectMany(r => r).ToList();
        var creates = all.Where(r => r.Outcome == TriggerOutcome.Processed).Select(r => r.Decision!.Results.Single().Actions.Single()).ToList();
        Assert.Equal(50, creates.Count);
        Assert.Equal(750, all.Count(r => r.Gate == GateReason.RateLimited));
        Assert.Equal(20, creates.Count(a => a.Status == ActionStatus.Succeeded));
        Assert.Equal(20, (await _store.ListAsync()).Count);
    }

    [Fact]
    public async Task ProcessAsync_RecallFailsAfterTheActionsRan_StillReturnsTheResult()
    {
        await using var failing = new RecallFailingStore(_store);
        using var service = new MemoryTriggerService(Config(), Policies(), failing, new MemoryTriggerServiceOptions { TimeProvider = _time, Metrics = _metrics });

        var result = await service.ProcessAsync(Error());

        Assert.Equal(["remember_errors"], result.FiredRules);
        Assert.Empty(result.RecalledMemories);
        Assert.Single(await _store.ListAsync());
    }

    [Fact]
    public async Task ProcessAsync_EventBuiltInCodeWithAnUnpairedSurrogate_IsProcessedNotThrown()
    {
        using var service = Service(Config());
        var e = Error() with { Payload = JsonDocument.Parse("{\"message\":\"a\\ud800\",\"event_type\":\"error\"}").RootElement.Clone() };

        var result = await service.ProcessAsync(e);

        Assert.Equal(TriggerOutcome.Processed, result.Outcome);
    }

    /// <summary>A store whose recall always times out; everything else goes to the inner store.</summary>
    private sealed class RecallFailingStore(IMemoryStore inner) : IMemoryStore
    {
        public Task<MemoryCreateResult> CreateAsync(MemoryDraft draft, CancellationToken cancellationToken = default) => inner.CreateAsync(draft, cancellationToken);

        public Task<MemoryRecord?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public Task<IReadOnlyList<MemoryRecord>> RecallAsync(MemoryQuery query, CancellationToken cancellationToken = default) =>
            throw new MemoryTriggers.Memory.Backends.MemoryStoreTimeoutException("recall timed out");

        public Task<MemoryRecord?> UpdateAsync(string id, MemoryUpdate update, CancellationToken cancellationToken = default) => inner.UpdateAsync(id, update, cancellationToken);

        public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);

        public Task<bool> ArchiveAsync(string id, CancellationToken cancellationToken = default) => inner.ArchiveAsync(id, cancellationToken);

        public Task<bool> SetQualityAsync(string id, double score, CancellationToken cancellationToken = default) => inner.SetQualityAsync(id, score, cancellationToken);

        public Task<bool> AddTagAsync(string id, string tag, CancellationToken cancellationToken = default) => inner.AddTagAsync(id, tag, cancellationToken);

        public Task<bool> RemoveTagAsync(string id, string tag, CancellationToken cancellationToken = default) => inner.RemoveTagAsync(id, tag, cancellationToken);

        public Task<IReadOnlyList<MemoryRecord>> ListAsync(int offset = 0, int limit = 100, CancellationToken cancellationToken = default) => inner.ListAsync(offset, limit, cancellationToken);

        public Task<IReadOnlyList<MemoryChange>> HistoryAsync(string id, CancellationToken cancellationToken = default) => inner.HistoryAsync(id, cancellationToken);

        public Task<MemoryStoreStats> GetStatsAsync(CancellationToken cancellationToken = default) => inner.GetStatsAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
