using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Validation.Rules.RuleTestConfigs;

namespace MemoryTriggers.Tests.Validation.Rules;

public sealed class FeatureRulesTests
{
    private static MemoryTriggerConfig WithFeature(string name, bool on) =>
        Development with { Features = Development.Features.SetItem(name, on) };

    [Fact]
    public void Check_AutoRecallWithoutPatternDetection_ReportsWarning() =>
        AssertIssue(Single(WithFeature(FeatureFlags.PatternDetection, false), IssueCodes.AutoRecallWithoutPatterns), IssueSeverity.Warning, "features.auto_recall");

    [Fact]
    public void Check_AutoRecallAndPatternDetectionOff_ReportsNothing() =>
        None(Development with { Features = FeatureFlags.Defaults.SetItem(FeatureFlags.PatternDetection, false).SetItem(FeatureFlags.AutoRecall, false) }, IssueCodes.AutoRecallWithoutPatterns);

    [Fact]
    public void Check_AutoRecallMissingFromFeatures_CountsAsOff()
    {
        var features = ValueMap<bool>.Empty.SetItem(FeatureFlags.PatternDetection, false);

        None(Development with { Features = features }, IssueCodes.AutoRecallWithoutPatterns);
    }

    [Fact]
    public void Check_QualityAssessmentWithoutCache_ReportsInfo()
    {
        var config = Development with { Performance = new PerformanceConfig { CacheEnabled = false } };

        AssertIssue(Single(config, IssueCodes.QualityWithoutCache), IssueSeverity.Info, "features.quality_assessment");
    }

    [Fact]
    public void Check_QualityAssessmentOffWithoutCache_ReportsNothing()
    {
        var config = WithFeature(FeatureFlags.QualityAssessment, false) with { Performance = new PerformanceConfig { CacheEnabled = false } };

        None(config, IssueCodes.QualityWithoutCache);
    }
}
