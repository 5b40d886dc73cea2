using MemoryTriggers.Configuration;

namespace MemoryTriggers.Validation.Rules;

/// <summary>Rules about combinations of feature toggles.</summary>
internal static class FeatureRules
{
    public static IEnumerable<ValidationIssue> Check(MemoryTriggerConfig c)
    {
        if (c.IsFeatureEnabled(FeatureFlags.AutoRecall) && !c.IsFeatureEnabled(FeatureFlags.PatternDetection))
        {
            yield return Issue.Warning(IssueCodes.AutoRecallWithoutPatterns, "features.auto_recall",
                "auto_recall is on while pattern_detection is off, so recalls miss pattern memories",
                "turn pattern_detection on, or auto_recall off");
        }

        if (c.IsFeatureEnabled(FeatureFlags.QualityAssessment) && !c.Performance.CacheEnabled)
        {
            yield return Issue.Info(IssueCodes.QualityWithoutCache, "features.quality_assessment",
                "quality assessment without the recall cache repeats lookups", "set performance.cache_enabled: true");
        }
    }
}
