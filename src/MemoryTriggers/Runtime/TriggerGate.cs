using System.Globalization;
using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Runtime;

/// <summary>
/// The gates an event passes before the policy engine: <c>global_enabled</c>, the feature toggle of
/// its trigger type, then the trigger policies configured for that type (the first that admits it
/// wins; in configuration order). Counts for cooldowns and per-minute limits survive reloads, keyed
/// by policy name. Thread-safe.
/// </summary>
internal sealed class TriggerGate
{
    /// <summary>The most subjects whose cooldown is remembered; when full, all are forgotten (each may then be admitted once early).</summary>
    private const int MaxSubjects = 100_000;

    private readonly object _lock = new();
    private readonly Dictionary<string, Queue<long>> _windows = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Policy, string Subject), long> _lastAdmitted = [];

    /// <summary>The feature toggle of a trigger type, if it has one: tasks belong to workflows.</summary>
    public static string? FeatureOf(MemoryTriggerType type) => type switch
    {
        MemoryTriggerType.Workflow or MemoryTriggerType.Task => FeatureFlags.WorkflowTriggers,
        MemoryTriggerType.Agent => FeatureFlags.AgentTriggers,
        MemoryTriggerType.Error => FeatureFlags.ErrorTriggers,
        MemoryTriggerType.Pattern => FeatureFlags.PatternDetection,
        _ => null,
    };

    public GateDecision Check(MemoryTriggerConfig config, TriggerEvent e, PolicyContext context, string triggerText, DateTimeOffset now)
    {
        if (!config.GlobalEnabled)
        {
            return GateDecision.Stop(GateReason.GlobalDisabled, null, "global_enabled is false.");
        }

        if (FeatureOf(e.TriggerType) is { } feature && !config.IsFeatureEnabled(feature))
        {
            return GateDecision.Stop(GateReason.FeatureDisabled, null, $"Feature '{feature}' is off.");
        }

        var type = YamlNames.Of(e.TriggerType);
        var policies = config.TriggerPolicies.Where(p => p.Value.TriggerType == e.TriggerType).ToList();
        if (policies.Count == 0)
        {
            return GateDecision.Pass(null, $"No trigger policy for {type} events.");
        }

        if (policies.All(p => !p.Value.Enabled))
        {
            return GateDecision.Stop(GateReason.PolicyDisabled, policies[0].Key, $"Every trigger policy for {type} events is disabled.");
        }

        GateDecision? first = null;
        lock (_lock)
        {
            foreach (var (name, policy) in policies.Where(p => p.Value.Enabled))
            {
                var decision = Check(config, name, policy, e, context, triggerText, now);
                if (decision.Admitted)
                {
                    return decision;
                }

                first ??= decision;
            }
        }

        return first!.Value;
    }

    private GateDecision Check(MemoryTriggerConfig config, string name, TriggerPolicyConfig policy, TriggerEvent e, PolicyContext context, string triggerText, DateTimeOffset now)
    {
        GateDecision Stop(GateReason reason, string why) => GateDecision.Stop(reason, name, $"Trigger policy '{name}': {why}");
        static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

        // Outcome: an error event is an error; otherwise the success flag; otherwise the quality score
        // (or confidence) against the thresholds; an event that says nothing counts as a success.
        var score = e.QualityScore ?? e.Confidence;
        var (outcome, allowed) = e.TriggerType == MemoryTriggerType.Error ? ("error", policy.CreateOnError)
            : e.Success is { } success ? (success ? ("success", policy.CreateOnSuccess) : ("failure", policy.CreateOnFailure))
            : score is null || score >= policy.SuccessThreshold ? ("success", policy.CreateOnSuccess)
            : score <= policy.FailureThreshold ? ("failure", policy.CreateOnFailure)
            : ("inconclusive", false);
        if (outcome == "inconclusive")
        {
            return Stop(GateReason.OutcomeInconclusive, $"score {F(score!.Value)} is between failure_threshold {F(policy.FailureThreshold)} and success_threshold {F(policy.SuccessThreshold)}.");
        }

        if (!allowed)
        {
            return Stop(GateReason.OutcomeNotRecorded, $"create_on_{outcome} is false.");
        }

        if (policy.AgentName is { Length: > 0 } agent && !string.Equals(agent, e.AgentId ?? Text(context, "agent_name"), StringComparison.OrdinalIgnoreCase))
        {
            return Stop(GateReason.AgentMismatch, $"the event is not from agent '{agent}'.");
        }

        if (policy.AgentTriggerPatterns.Count > 0 && !policy.AgentTriggerPatterns.Any(p => triggerText.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            return Stop(GateReason.NoTriggerPattern, $"the message, event_type, error_type, operation and status have none of agent_trigger_patterns ({string.Join(", ", policy.AgentTriggerPatterns)}).");
        }

        var length = e.Payload.GetRawText().Length;
        if (length < policy.MinContextLength)
        {
            return Stop(GateReason.ContextTooShort, $"the payload is {length} characters, under min_context_length {policy.MinContextLength}.");
        }

        if (length > policy.MaxContextLength)
        {
            return Stop(GateReason.ContextTooLong, $"the payload is {length} characters, over max_context_length {policy.MaxContextLength}.");
        }

        var missing = policy.ContextRequiredFields.Where(f => !context.TryGetValue(f, out var value) || value is null).ToList();
        if (missing.Count > 0)
        {
            return Stop(GateReason.MissingContextFields, $"missing context_required_fields: {string.Join(", ", missing)}.");
        }

        if (e.Confidence is { } confidence && confidence < policy.MinTriggerConfidence)
        {
            return Stop(GateReason.LowConfidence, $"confidence {F(confidence)} is under min_trigger_confidence {F(policy.MinTriggerConfidence)}.");
        }

        var minQuality = config.Performance.MinMemoryQualityScore;
        if (policy.RequireQualityValidation && config.IsFeatureEnabled(FeatureFlags.QualityAssessment) && e.QualityScore is { } quality && quality < minQuality)
        {
            return Stop(GateReason.LowQuality, $"quality_score {F(quality)} is under performance.min_memory_quality_score {F(minQuality)}.");
        }

        var ticks = now.UtcTicks;
        var subject = e.AgentId ?? e.WorkflowId ?? e.UserId ?? e.SessionId ?? string.Empty;
        var cooldown = TimeSpan.FromSeconds(policy.CooldownPeriodSeconds).Ticks;
        if (cooldown > 0 && _lastAdmitted.TryGetValue((name, subject), out var last) && ticks - last < cooldown)
        {
            return Stop(GateReason.Cooldown, $"{(subject.Length == 0 ? "an event without source ids" : $"'{subject}'")} triggered it less than cooldown_period_seconds {policy.CooldownPeriodSeconds} ago.");
        }

        if (!_windows.TryGetValue(name, out var window))
        {
            _windows[name] = window = new Queue<long>();
        }

        while (window.Count > 0 && ticks - window.Peek() >= TimeSpan.TicksPerMinute)
        {
            window.Dequeue();
        }

        if (window.Count >= policy.MaxTriggersPerMinute)
        {
            return Stop(GateReason.RateLimited, $"max_triggers_per_minute {policy.MaxTriggersPerMinute} reached.");
        }

        window.Enqueue(ticks);
        if (_lastAdmitted.Count >= MaxSubjects)
        {
            _lastAdmitted.Clear();
        }

        _lastAdmitted[(name, subject)] = ticks;
        return GateDecision.Pass(name, $"Admitted by trigger policy '{name}' ({outcome}).");
    }

    private static string? Text(PolicyContext context, string path) =>
        context.TryGetValue(path, out var value) ? value as string : null;
}
