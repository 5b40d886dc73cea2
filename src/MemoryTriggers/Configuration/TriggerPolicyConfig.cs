using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MemoryTriggers.Configuration;

/// <summary>When events of one trigger type may create memories.</summary>
public sealed record TriggerPolicyConfig
{
    /// <summary>Gets a value indicating whether the policy applies.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Apply this policy.")]
    public bool Enabled { get; init; } = true;

    /// <summary>Gets the event type the policy gates.</summary>
    /// <value>The default is <see cref="MemoryTriggerType.Workflow"/>.</value>
    [Description("Event type this policy gates.")]
    public MemoryTriggerType TriggerType { get; init; } = MemoryTriggerType.Workflow;

    /// <summary>Gets the score at or above which an event counts as a success.</summary>
    /// <value>The default is 0.8.</value>
    [Range(0.0, 1.0)]
    [Description("Score at or above which an event counts as a success; must exceed failure_threshold.")]
    public double SuccessThreshold { get; init; } = 0.8;

    /// <summary>Gets the score at or below which an event counts as a failure.</summary>
    /// <value>The default is 0.3.</value>
    [Range(0.0, 1.0)]
    [Description("Score at or below which an event counts as a failure.")]
    public double FailureThreshold { get; init; } = 0.3;

    /// <summary>Gets a value indicating whether successes create memories.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Create memories for successes.")]
    public bool CreateOnSuccess { get; init; } = true;

    /// <summary>Gets a value indicating whether failures create memories.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Create memories for failures.")]
    public bool CreateOnFailure { get; init; } = true;

    /// <summary>Gets a value indicating whether errors create memories.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Create memories for errors.")]
    public bool CreateOnError { get; init; } = true;

    /// <summary>Gets a value indicating whether recurring events are detected.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Detect recurring similar events.")]
    public bool PatternDetectionEnabled { get; init; } = true;

    /// <summary>Gets the similarity (0–1) at which two events count as the same pattern.</summary>
    /// <value>The default is 0.7.</value>
    [Range(0.0, 1.0)]
    [Description("Similarity (0-1) at which two events count as the same pattern.")]
    public double PatternSimilarityThreshold { get; init; } = 0.7;

    /// <summary>Gets the shortest context, in characters, that may create a memory.</summary>
    /// <value>The default is 10.</value>
    [Range(0, 100000)]
    [Description("Shortest context, in characters, that may create a memory.")]
    public int MinContextLength { get; init; } = 10;

    /// <summary>Gets the longest context, in characters, that may create a memory.</summary>
    /// <value>The default is 10000.</value>
    [Range(1, 1000000)]
    [Description("Longest context, in characters, that may create a memory; must exceed min_context_length.")]
    public int MaxContextLength { get; init; } = 10000;

    /// <summary>Gets the context fields an event must carry.</summary>
    /// <value>The default is empty.</value>
    [Description("Context fields an event must carry.")]
    public ValueList<string> ContextRequiredFields { get; init; } = ValueList<string>.Empty;

    /// <summary>Gets a value indicating whether a memory's quality is checked before it is stored.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    [Description("Check quality against performance.min_memory_quality_score before storing.")]
    public bool RequireQualityValidation { get; init; } = true;

    /// <summary>Gets the lowest confidence an event may have to trigger.</summary>
    /// <value>The default is 0.6.</value>
    [Range(0.0, 1.0)]
    [Description("Lowest confidence an event may have to trigger.")]
    public double MinTriggerConfidence { get; init; } = 0.6;

    /// <summary>Gets the maximum number of triggers per minute.</summary>
    /// <value>The default is 60.</value>
    [Range(1, 10000)]
    [Description("Maximum triggers per minute.")]
    public int MaxTriggersPerMinute { get; init; } = 60;

    /// <summary>Gets the seconds to wait after a trigger before the next.</summary>
    /// <value>The default is 30.</value>
    [Range(0, 86400)]
    [Description("Seconds to wait after a trigger before the next.")]
    public int CooldownPeriodSeconds { get; init; } = 30;

    /// <summary>Gets the agent the policy is limited to, if any.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    [Description("Agent this policy is limited to, if any.")]
    public string? AgentName { get; init; }

    /// <summary>Gets keywords that mark an agent event as relevant.</summary>
    /// <value>The default is empty.</value>
    [Description("Keywords that mark an agent event as relevant.")]
    public ValueList<string> AgentTriggerPatterns { get; init; } = ValueList<string>.Empty;
}
