namespace MemoryTriggers.Configuration;

/// <summary>The names and defaults of the feature toggles in <see cref="MemoryTriggerConfig.Features"/>.</summary>
public static class FeatureFlags
{
    /// <summary>Workflow events may trigger memories.</summary>
    public const string WorkflowTriggers = "workflow_triggers";

    /// <summary>Agent events may trigger memories.</summary>
    public const string AgentTriggers = "agent_triggers";

    /// <summary>Error events may trigger memories.</summary>
    public const string ErrorTriggers = "error_triggers";

    /// <summary>Recurring events produce pattern events.</summary>
    public const string PatternDetection = "pattern_detection";

    /// <summary>Agent start and error events return relevant memories.</summary>
    public const string AutoRecall = "auto_recall";

    /// <summary>Memories are scored for quality before they are stored.</summary>
    public const string QualityAssessment = "quality_assessment";

    /// <summary>Events are processed on background workers.</summary>
    public const string BackgroundProcessing = "background_processing";

    /// <summary>Configuration and policy files are reloaded when they change.</summary>
    public const string HotReloading = "hot_reloading";

    /// <summary>Gets every known feature, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        WorkflowTriggers, AgentTriggers, ErrorTriggers, PatternDetection,
        AutoRecall, QualityAssessment, BackgroundProcessing, HotReloading,
    ];

    /// <summary>Gets the default toggles: every known feature on.</summary>
    public static ValueMap<bool> Defaults { get; } =
        ValueMap<bool>.From(All.Select(name => new KeyValuePair<string, bool>(name, true)));
}
