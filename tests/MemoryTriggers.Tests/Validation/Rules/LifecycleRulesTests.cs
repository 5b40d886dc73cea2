using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Validation.Rules.RuleTestConfigs;

namespace MemoryTriggers.Tests.Validation.Rules;

public sealed class LifecycleRulesTests
{
    private static MemoryTriggerConfig With(LifecyclePolicyConfig lifecycle) => Development with { Lifecycle = lifecycle };

    [Fact]
    public void Check_ImportantRetentionShorterThanDefault_ReportsWarning() =>
        AssertIssue(Single(With(new LifecyclePolicyConfig { DefaultRetentionDays = 90, ImportantMemoryRetentionDays = 89 }), IssueCodes.ImportantRetentionShort), IssueSeverity.Warning, "lifecycle.important_memory_retention_days");

    [Fact]
    public void Check_ImportantRetentionEqualToDefault_ReportsNothing() =>
        None(With(new LifecyclePolicyConfig { DefaultRetentionDays = 90, ImportantMemoryRetentionDays = 90 }), IssueCodes.ImportantRetentionShort);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Check_ArchivalWithoutBackend_ReportsError(string? backend) =>
        AssertIssue(Single(With(new LifecyclePolicyConfig { ArchivalEnabled = true, ArchiveBackend = backend }), IssueCodes.ArchiveBackendMissing), IssueSeverity.Error, "lifecycle.archive_backend");

    [Theory]
    [InlineData(true, "local_archive")]
    [InlineData(false, null)]
    public void Check_ArchivalWithBackendOrOff_ReportsNothing(bool enabled, string? backend) =>
        None(With(new LifecyclePolicyConfig { ArchivalEnabled = enabled, ArchiveBackend = backend }), IssueCodes.ArchiveBackendMissing);

    [Fact]
    public void Check_ArchiveBeforeRetentionEnds_ReportsWarning()
    {
        var lifecycle = new LifecyclePolicyConfig { ArchivalEnabled = true, ArchiveBackend = "cold", DefaultRetentionDays = 90, ArchiveAfterDays = 89 };

        AssertIssue(Single(With(lifecycle), IssueCodes.ArchiveBeforeRetention), IssueSeverity.Warning, "lifecycle.archive_after_days");
    }

    [Theory]
    [InlineData(true, 90)]
    [InlineData(false, 1)]
    public void Check_ArchiveWhenRetentionEndsOrArchivalOff_ReportsNothing(bool enabled, int archiveAfterDays)
    {
        var lifecycle = new LifecyclePolicyConfig { ArchivalEnabled = enabled, ArchiveBackend = "cold", DefaultRetentionDays = 90, ArchiveAfterDays = archiveAfterDays };

        None(With(lifecycle), IssueCodes.ArchiveBeforeRetention);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("daily")]
    [InlineData("0 2 * *")]
    [InlineData("0 2 * * 0 2026")]
    public void Check_MigrationWithoutFiveFieldSchedule_ReportsError(string? schedule) =>
        AssertIssue(Single(With(new LifecyclePolicyConfig { MigrationEnabled = true, MigrationSchedule = schedule }), IssueCodes.MigrationSchedule), IssueSeverity.Error, "lifecycle.migration_schedule");

    [Theory]
    [InlineData(true, "0 2 * * 0")]
    [InlineData(true, "  */15  *  * * 1-5 ")]
    [InlineData(false, null)]
    [InlineData(false, "daily")]
    public void Check_MigrationWithFiveFieldScheduleOrOff_ReportsNothing(bool enabled, string? schedule) =>
        None(With(new LifecyclePolicyConfig { MigrationEnabled = enabled, MigrationSchedule = schedule }), IssueCodes.MigrationSchedule);
}
