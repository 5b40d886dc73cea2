using MemoryTriggers.Configuration;

namespace MemoryTriggers.Validation.Rules;

/// <summary>Rules of each trigger policy.</summary>
internal static class TriggerPolicyRules
{
    public static IEnumerable<ValidationIssue> Check(MemoryTriggerConfig c)
    {
        foreach (var (name, p) in c.TriggerPolicies)
        {
            var path = "trigger_policies." + name;
            if (p.SuccessThreshold <= p.FailureThreshold)
            {
                yield return Issue.Error(IssueCodes.TriggerThresholds, path + ".success_threshold",
                    $"success_threshold ({p.SuccessThreshold}) must be greater than failure_threshold ({p.FailureThreshold})",
                    "raise success_threshold above failure_threshold (error policies that ignore scores can use 1.0 and 0.0)");
            }

            if (p.MaxContextLength <= p.MinContextLength)
            {
                yield return Issue.Error(IssueCodes.TriggerContextLength, path + ".max_context_length",
                    $"max_context_length ({p.MaxContextLength}) must be greater than min_context_length ({p.MinContextLength})",
                    "raise max_context_length or lower min_context_length");
            }

            if (p.MaxTriggersPerMinute > 1000)
            {
                yield return Issue.Warning(IssueCodes.TriggerRateHigh, path + ".max_triggers_per_minute",
                    $"{p.MaxTriggersPerMinute} triggers per minute is effectively no limit",
                    "use 1000 or fewer");
            }

            if (p.TriggerType == MemoryTriggerType.Agent && p.AgentName is null && p.AgentTriggerPatterns.Count == 0)
            {
                yield return Issue.Warning(IssueCodes.TriggerAgentUnscoped, path + ".agent_name",
                    "an agent policy with neither agent_name nor agent_trigger_patterns applies to every agent event",
                    "set agent_name or list agent_trigger_patterns");
            }

            if (c.Environment == Configuration.Environment.Production && p.MinTriggerConfidence < 0.7)
            {
                yield return Issue.Warning(IssueCodes.TriggerProductionConfidence, path + ".min_trigger_confidence",
                    $"min_trigger_confidence {p.MinTriggerConfidence} lets uncertain events create memories in production",
                    "use 0.7 or more in production");
            }

            if (p.Enabled && !p.CreateOnSuccess && !p.CreateOnFailure && !p.CreateOnError)
            {
                yield return Issue.Warning(IssueCodes.TriggerNeverCreates, path,
                    "the policy is enabled but create_on_success, create_on_failure and create_on_error are all false, so it never creates a memory",
                    "turn one of them on, or set enabled: false");
            }
        }
    }
}
