using System.Text.Json;
using MemoryTriggers.Actions;
using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Policies.Engine;

/// <summary>Builders for rules, conditions and actions, so tests read like the YAML they stand for.</summary>
internal static class PolicyBuild
{
    public static PolicySet Set(params PolicyRule[] rules) => new() { Rules = rules };

    public static PolicySet FirstMatch(params PolicyRule[] rules) => new() { Rules = rules, MatchMode = MatchMode.First };

    public static PolicyRule Rule(string name, params PolicyCondition[] conditions) => new() { Name = name, Conditions = conditions };

    public static PolicyRule Do(this PolicyRule rule, params PolicyAction[] actions) => rule with { Actions = actions };

    public static PolicyAction Action(PolicyActionType type, params (string Key, object? Value)[] parameters) =>
        new() { Type = type, Parameters = Map(parameters) };

    /// <summary>A log_event action whose <c>label</c> parameter identifies it in the executor's record.</summary>
    public static PolicyAction Log(string label, int priority = 0) =>
        new() { Type = PolicyActionType.LogEvent, Parameters = Map(("label", label)), Priority = priority };

    public static PolicyAction Chain(string target, ValueMap<object?>? context = null) =>
        context is null
            ? Action(PolicyActionType.ChainPolicy, ("policy_name", target))
            : Action(PolicyActionType.ChainPolicy, ("policy_name", target), ("context", context));

    public static ValueMap<object?> Map(params (string Key, object? Value)[] entries) =>
        ValueMap<object?>.From(entries.Select(e => new KeyValuePair<string, object?>(e.Key, e.Value)));

    public static ValueList<object?> List(params object?[] items) => ValueList<object?>.From(items);

    public static PolicyCondition Always() => new() { Type = PolicyConditionType.Always };

    public static PolicyCondition Never() => new() { Type = PolicyConditionType.Never };

    public static PolicyCondition Field(PolicyConditionType type, string field, object? value = null) => new() { Type = type, Field = field, Value = value };

    public static PolicyCondition Eq(string field, object? value) => Field(PolicyConditionType.Equals, field, value);

    public static PolicyCondition Ne(string field, object? value) => Field(PolicyConditionType.NotEquals, field, value);

    public static PolicyCondition Gt(string field, object? value) => Field(PolicyConditionType.GreaterThan, field, value);

    public static PolicyCondition Lt(string field, object? value) => Field(PolicyConditionType.LessThan, field, value);

    public static PolicyCondition Has(string field, object? value) => Field(PolicyConditionType.Contains, field, value);

    public static PolicyCondition HasNot(string field, object? value) => Field(PolicyConditionType.NotContains, field, value);

    public static PolicyCondition Exists(string field) => Field(PolicyConditionType.Exists, field);

    public static PolicyCondition NotExists(string field) => Field(PolicyConditionType.NotExists, field);

    public static PolicyCondition Between(string field, double min, double max) =>
        new() { Type = PolicyConditionType.Between, Field = field, MinValue = min, MaxValue = max };

    public static PolicyCondition In(string field, params object?[] values) =>
        new() { Type = PolicyConditionType.InList, Field = field, Values = values };

    public static PolicyCondition NotIn(string field, params object?[] values) =>
        new() { Type = PolicyConditionType.NotInList, Field = field, Values = values };

    public static PolicyCondition Regex(string field, string pattern) =>
        new() { Type = PolicyConditionType.MatchesRegex, Field = field, RegexPattern = pattern };

    public static PolicyCondition And(params PolicyCondition[] children) => new() { Type = PolicyConditionType.CompositeAnd, SubConditions = children };

    public static PolicyCondition Or(params PolicyCondition[] children) => new() { Type = PolicyConditionType.CompositeOr, SubConditions = children };

    public static PolicyCondition Not(PolicyCondition condition) => condition with { Negate = true };

    public static PolicyCondition Rate(int limit, double windowSeconds, string? field = null) =>
        new() { Type = PolicyConditionType.RateLimit, RateLimit = limit, TimeWindow = windowSeconds, Field = field };

    public static PolicyCondition Chance(double probability, string? sampleBy = null) =>
        new() { Type = PolicyConditionType.Probability, Probability = probability, SampleBy = sampleBy };

    public static PolicyCondition Time(string start, string end, string? timezone = null, params string[] days) =>
        new() { Type = PolicyConditionType.TimeRange, StartTime = start, EndTime = end, Timezone = timezone, Days = days };
}

/// <summary>Contexts as JSON and as the equivalent plain dictionaries.</summary>
internal static class TestContexts
{
    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Parses JSON to Dictionary / List / long / double / string / bool / null.</summary>
    public static Dictionary<string, object?> Dict(string json) => (Dictionary<string, object?>)ToClr(Json(json))!;

    public static object? ToClr(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToClr(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(ToClr).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}

/// <summary>An executor that records every request and answers as told (by default: succeed; create_memory returns a memory_id).</summary>
internal sealed class RecordingExecutor : IPolicyActionExecutor
{
    private readonly Lock _gate = new();
    private readonly List<(ActionRequest Request, DateTimeOffset At)> _calls = [];
    private readonly TimeProvider _time;
    private int _memoryIds;

    public RecordingExecutor(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    public IReadOnlyCollection<PolicyActionType> Types { get; init; } =
        [.. Enum.GetValues<PolicyActionType>().Where(t => t is not (PolicyActionType.ChainPolicy or PolicyActionType.Abort or PolicyActionType.Skip))];

    /// <summary>Gets or sets what the executor does; null succeeds.</summary>
    public Func<ActionRequest, CancellationToken, ValueTask<ActionOutput>>? Behavior { get; set; }

    public IReadOnlyList<ActionRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls.Select(c => c.Request)];
            }
        }
    }

    public IReadOnlyList<DateTimeOffset> Times
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls.Select(c => c.At)];
            }
        }
    }

    /// <summary>Gets the <c>label</c> parameter of each request, in call order.</summary>
    public IReadOnlyList<string?> Labels => [.. Requests.Select(r => r.Parameters.GetValueOrDefault("label") as string)];

    public ValueTask<ActionOutput> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add((request, _time.GetUtcNow()));
        }

        if (Behavior is { } behavior)
        {
            return behavior(request, cancellationToken);
        }

        return ValueTask.FromResult(request.Type == PolicyActionType.CreateMemory
            ? ActionOutput.Of(("memory_id", "mem-" + Interlocked.Increment(ref _memoryIds)))
            : ActionOutput.Empty);
    }
}

/// <summary>Engines wired to a fake clock, a fixed random draw, a recording executor and no real environment.</summary>
internal static class TestEngines
{
    /// <summary>Monday 1 July 2024, 12:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2024, 7, 1, 12, 0, 0, TimeSpan.Zero);

    public static PolicyEngineOptions Options(
        RecordingExecutor? executor = null,
        TimeProvider? time = null,
        Func<double>? random = null,
        Func<string, string?>? environment = null) => new()
        {
            TimeProvider = time ?? new FakeTimeProvider(Start),
            Random = random ?? (() => 0.5),
            Executors = executor is null ? [] : [executor],
            EnvironmentVariable = environment ?? (_ => null),
        };

    public static PolicyEngine Create(PolicySet set, RecordingExecutor? executor = null, TimeProvider? time = null) =>
        new(set, Options(executor, time));

    /// <summary>Advances the fake clock in steps until the task completes (retry delays and timeouts wait on it).</summary>
    public static async Task<T> Drive<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step, int maxSteps = 2000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.Delay(1);
            if (!task.IsCompleted)
            {
                time.Advance(step);
            }
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public static RuleResult Only(this PolicyDecision decision, string rule) => Assert.Single(decision.Results, r => r.Rule == rule);
}
