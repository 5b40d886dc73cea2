using System.Globalization;
using System.Text.Json;
using MemoryTriggers.Memory;

namespace MemoryTriggers.Cli.Output;

/// <summary>Prints memories, their history and store figures as text or JSON (records in the export format of <see cref="MemoryJsonLines"/>).</summary>
internal static class MemoryWriter
{
    private const int ContentWidth = 72;

    public static void WriteList(CliContext context, IReadOnlyList<MemoryRecord> records, bool json, string summary)
    {
        if (json)
        {
            WriteJson(context.Out, w =>
            {
                w.WriteNumber("count", records.Count);
                w.WriteStartArray("memories");
                foreach (var record in records)
                {
                    MemoryJsonLines.Write(w, record);
                }

                w.WriteEndArray();
            });
            return;
        }

        var painter = new Painter(context.Out, context.UseColor);
        painter.Line(summary);
        foreach (var record in records)
        {
            painter.Line(
                (record.Id, "bold"),
                ($"  {Time(record.CreatedAt)}  q={Quality(record.QualityScore)}", null),
                (record.Archived ? "  archived" : string.Empty, "grey"),
                (record.Tags.Count > 0 ? "  [" + string.Join(", ", record.Tags) + "]" : string.Empty, "cyan"));
            painter.Line("    " + Shorten(record.Content));
        }
    }

    public static void WriteRecord(CliContext context, MemoryRecord record, IReadOnlyList<MemoryChange> history, bool json)
    {
        if (json)
        {
            WriteJson(context.Out, w =>
            {
                w.WritePropertyName("memory");
                MemoryJsonLines.Write(w, record);
                w.WriteStartArray("history");
                foreach (var change in history)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", change.Kind.ToString().ToLowerInvariant());
                    w.WriteString("at", change.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                    w.WritePlain("detail", change.Detail);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
            return;
        }

        var painter = new Painter(context.Out, context.UseColor);
        painter.Line((record.Id, "bold"), (record.Archived ? "  (archived)" : string.Empty, "grey"));
        painter.Line(record.Content);
        Field(painter, "tags", record.Tags.Count > 0 ? string.Join(", ", record.Tags) : null);
        Field(painter, "category", record.Category);
        Field(painter, "quality", record.QualityScore is null ? null : Quality(record.QualityScore));
        Field(painter, "user", record.UserId);
        Field(painter, "agent", record.AgentId);
        Field(painter, "run", record.RunId);
        Field(painter, "rule", record.SourceRule);
        Field(painter, "created", Time(record.CreatedAt));
        Field(painter, "updated", Time(record.UpdatedAt));
        Field(painter, "expires", record.ExpiresAt is { } expires ? Time(expires) : null);
        foreach (var (key, value) in record.Metadata)
        {
            Field(painter, "metadata." + key, PlainJson.Text(value));
        }

        painter.Line("history:");
        foreach (var change in history)
        {
            painter.Line($"  {Time(change.At)}  {change.Kind.ToString().ToLowerInvariant()}{(change.Detail is { } detail ? "  " + detail : string.Empty)}");
        }
    }

    public static void WriteStats(CliContext context, MemoryStoreStats stats, bool json)
    {
        if (json)
        {
            WriteJson(context.Out, w =>
            {
                w.WriteString("backend", stats.Backend);
                w.WriteNumber("total", stats.Total);
                w.WriteNumber("archived", stats.Archived);
                w.WriteNumber("expired", stats.Expired);
                w.WritePlain("average_quality", stats.AverageQuality);
                w.WritePlain("oldest_created_at", stats.OldestCreatedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                w.WritePlain("newest_created_at", stats.NewestCreatedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                w.WritePlain("by_category", stats.ByCategory.ToDictionary(e => e.Key, e => (object?)e.Value));
                w.WritePlain("storage_bytes", stats.StorageBytes);
                w.WriteBoolean("partial", stats.Partial);
            });
            return;
        }

        var painter = new Painter(context.Out, context.UseColor);
        painter.Line(($"{stats.Total} memor{(stats.Total == 1 ? "y" : "ies")}", "bold"), ($" in the {stats.Backend} store{(stats.Partial ? " (first 1000 only)" : string.Empty)}", null));
        Field(painter, "archived", stats.Archived.ToString(CultureInfo.InvariantCulture));
        Field(painter, "expired", stats.Expired.ToString(CultureInfo.InvariantCulture));
        Field(painter, "average quality", stats.AverageQuality is null ? "-" : Quality(stats.AverageQuality));
        Field(painter, "oldest", stats.OldestCreatedAt is { } oldest ? Time(oldest) : "-");
        Field(painter, "newest", stats.NewestCreatedAt is { } newest ? Time(newest) : "-");
        Field(painter, "on disk", stats.StorageBytes is { } bytes ? $"{bytes / 1024.0:0.0} KiB" : null);
        foreach (var (category, count) in stats.ByCategory)
        {
            Field(painter, "category " + (category.Length == 0 ? "(none)" : category), count.ToString(CultureInfo.InvariantCulture));
        }
    }

    public static void WriteJson(TextWriter output, Action<Utf8JsonWriter> body) =>
        output.WriteLine(PlainJson.Document(json =>
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }));

    private static void Field(Painter painter, string name, string? value)
    {
        if (value is not null)
        {
            painter.Line(($"  {name}: ", "grey"), (value, null));
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Quality(double? quality) => quality is { } q ? q.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Shorten(string content)
    {
        var single = content.ReplaceLineEndings(" ");
        return single.Length <= ContentWidth ? single : string.Concat(single.AsSpan(0, ContentWidth - 1), "…");
    }
}
