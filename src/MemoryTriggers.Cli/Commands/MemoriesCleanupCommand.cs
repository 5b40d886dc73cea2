using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Memory.Lifecycle;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config memories cleanup</c>: one lifecycle cleanup run, on demand (docs/operations.md).</summary>
internal static class MemoriesCleanupCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new MemoriesOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be deleted or archived, and change nothing (exit 2 if anything would be)." };
        var command = new Command("cleanup", "Apply the lifecycle rules now: delete expired, outlived and low-quality memories, archive old ones.") { dryRun, shared.Config, shared.Format };
        command.SetAction((result, cancellationToken) => shared.RunAsync(result, context, async (store, config, json, token) =>
        {
            var cleaner = new MemoryLifecycleCleaner(store, config.Lifecycle);
            var report = await cleaner.RunAsync(result.GetValue(dryRun), token).ConfigureAwait(false);
            if (json)
            {
                MemoryWriter.WriteJson(context.Out, w => WriteJson(w, report));
            }
            else
            {
                WriteText(new Painter(context.Out, context.UseColor), report);
            }

            return report.DryRun && report.Affected > 0 ? ExitCodes.ChangesFound : ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static void WriteText(Painter painter, LifecycleCleanupReport report)
    {
        var verb = report.DryRun ? "would delete" : "deleted";
        painter.Line(
            (report.DryRun ? "Dry run: " : string.Empty, "yellow"),
            ($"{verb} {report.Deleted}, {(report.DryRun ? "would archive" : "archived")} {report.Archived} of {report.Scanned} memories scanned", "bold"));
        painter.Line($"  expired (expires_at): {report.ExpiredAt}");
        foreach (var kind in Enum.GetValues<MemoryLifecycleKind>())
        {
            painter.Line($"  past {LifecycleNames.Of(kind)} retention: {report.ExpiredRetention[kind]}");
        }

        painter.Line($"  low quality: {report.LowQuality}");
        if (!report.DryRun && report.AlreadyGone > 0)
        {
            painter.Line($"  already gone: {report.AlreadyGone}");
        }

        foreach (var item in report.Items)
        {
            painter.Line($"  {LifecycleNames.Of(item.Action),-7} {item.Id}  {LifecycleNames.Of(item.Reason)} ({LifecycleNames.Of(item.Kind)}, created {item.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})");
        }

        if (report.ItemsTruncated)
        {
            painter.Line($"  … and {report.Affected - report.Items.Count} more");
        }
    }

    private static void WriteJson(Utf8JsonWriter w, LifecycleCleanupReport report)
    {
        w.WriteBoolean("dry_run", report.DryRun);
        w.WriteString("started_at", report.StartedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        w.WriteNumber("duration_ms", Math.Round(report.Duration.TotalMilliseconds, 3));
        w.WriteNumber("scanned", report.Scanned);
        w.WriteNumber("batches", report.Batches);
        w.WriteStartObject("deleted");
        w.WriteNumber("expired_at", report.ExpiredAt);
        w.WriteStartObject("expired_retention");
        foreach (var kind in Enum.GetValues<MemoryLifecycleKind>())
        {
            w.WriteNumber(LifecycleNames.Of(kind), report.ExpiredRetention[kind]);
        }

        w.WriteEndObject();
        w.WriteNumber("low_quality", report.LowQuality);
        w.WriteNumber("total", report.Deleted);
        w.WriteEndObject();
        w.WriteNumber("archived", report.Archived);
        w.WriteNumber("already_gone", report.AlreadyGone);
        w.WriteNumber("affected", report.Affected);
        w.WriteStartArray("items");
        foreach (var item in report.Items)
        {
            w.WriteStartObject();
            w.WriteString("id", item.Id);
            w.WriteString("action", LifecycleNames.Of(item.Action));
            w.WriteString("reason", LifecycleNames.Of(item.Reason));
            w.WriteString("kind", LifecycleNames.Of(item.Kind));
            w.WriteString("created_at", item.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WritePlain("quality_score", item.QualityScore);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("items_truncated", report.ItemsTruncated);
    }
}
