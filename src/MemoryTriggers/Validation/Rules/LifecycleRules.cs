using MemoryTriggers.Configuration;

namespace MemoryTriggers.Validation.Rules;

/// <summary>Rules of the lifecycle section: retention order, archival and migration.</summary>
internal static class LifecycleRules
{
    public static IEnumerable<ValidationIssue> Check(MemoryTriggerConfig c)
    {
        var l = c.Lifecycle;
        if (l.ImportantMemoryRetentionDays < l.DefaultRetentionDays)
        {
            yield return Issue.Warning(IssueCodes.ImportantRetentionShort, "lifecycle.important_memory_retention_days",
                $"important memories are kept {l.ImportantMemoryRetentionDays} days, less than ordinary ones ({l.DefaultRetentionDays})",
                "make important_memory_retention_days at least default_retention_days");
        }

        if (l.ArchivalEnabled && string.IsNullOrWhiteSpace(l.ArchiveBackend))
        {
            yield return Issue.Error(IssueCodes.ArchiveBackendMissing, "lifecycle.archive_backend",
                "archive_backend is required when archival_enabled is true",
                "name the archive backend, e.g. archive_backend: local_archive, or turn archival off");
        }

        if (l.ArchivalEnabled && l.ArchiveAfterDays < l.DefaultRetentionDays)
        {
            yield return Issue.Warning(IssueCodes.ArchiveBeforeRetention, "lifecycle.archive_after_days",
                $"memories are archived after {l.ArchiveAfterDays} days, before their default retention of {l.DefaultRetentionDays} days ends",
                "make archive_after_days at least default_retention_days");
        }

        if (l.MigrationEnabled && (l.MigrationSchedule is null || l.MigrationSchedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5))
        {
            yield return Issue.Error(IssueCodes.MigrationSchedule, "lifecycle.migration_schedule",
                l.MigrationSchedule is null ? "migration_enabled is true but migration_schedule is not set"
                    : $"'{l.MigrationSchedule}' is not a five-field cron schedule",
                "write minute hour day month weekday, e.g. \"0 2 * * 0\" (Sundays at 02:00)");
        }
    }
}
