using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MemoryTriggers.Configuration;
using MemoryTriggers.Internal;

namespace MemoryTriggers.Memory;

/// <summary>
/// The export format of memories: one JSON object per line with snake_case keys (<c>id</c>,
/// <c>content</c>, <c>tags</c>, <c>category</c>, <c>metadata</c>, <c>quality_score</c>, <c>user_id</c>,
/// <c>agent_id</c>, <c>run_id</c>, <c>source_rule</c>, <c>content_hash</c>, <c>created_at</c>,
/// <c>updated_at</c>, <c>expires_at</c>, <c>archived</c>). Times are ISO 8601 in UTC.
/// </summary>
public static class MemoryJsonLines
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one memory as a JSON object.</summary>
    /// <param name="json">The writer.</param>
    /// <param name="record">The memory.</param>
    public static void Write(Utf8JsonWriter json, MemoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(record);
        json.WriteStartObject();
        json.WriteString("id", record.Id);
        json.WriteString("content", record.Content);
        json.WriteStartArray("tags");
        foreach (var tag in record.Tags)
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        WriteOptional(json, "category", record.Category);
        json.WritePropertyName("metadata");
        PlainJson.Write(json, record.Metadata);
        json.WritePropertyName("quality_score");
        if (record.QualityScore is { } quality)
        {
            json.WriteNumberValue(quality);
        }
        else
        {
            json.WriteNullValue();
        }

        WriteOptional(json, "user_id", record.UserId);
        WriteOptional(json, "agent_id", record.AgentId);
        WriteOptional(json, "run_id", record.RunId);
        WriteOptional(json, "source_rule", record.SourceRule);
        json.WriteString("content_hash", record.ContentHash);
        json.WriteString("created_at", Time(record.CreatedAt));
        json.WriteString("updated_at", Time(record.UpdatedAt));
        WriteOptional(json, "expires_at", record.ExpiresAt is { } expires ? Time(expires) : null);
        json.WriteBoolean("archived", record.Archived);
        json.WriteEndObject();
    }

    /// <summary>Formats one memory as a line of the export format (without the line break).</summary>
    /// <param name="record">The memory.</param>
    /// <returns>The JSON text.</returns>
    public static string ToLine(MemoryRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(json, record);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Reads one line of the export format as a memory to create. Only <c>content</c> is required;
    /// <c>id</c>, <c>content_hash</c>, <c>created_at</c> and <c>updated_at</c> are ignored (the store
    /// assigns them); an <c>expires_at</c> becomes the time left from <paramref name="now"/>.
    /// </summary>
    /// <param name="line">The line.</param>
    /// <param name="now">The current time.</param>
    /// <param name="draft">The memory, when the line is valid and has not expired.</param>
    /// <param name="archived">Whether the line says the memory is archived.</param>
    /// <param name="problem">What is wrong with the line, or "expired" when its expiry has passed.</param>
    /// <returns>Whether the line gave a draft.</returns>
    public static bool TryReadDraft(string line, DateTimeOffset now, out MemoryDraft? draft, out bool archived, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(line);
        draft = null;
        archived = false;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "expected a JSON object";
                return false;
            }

            if (!root.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(content.GetString()))
            {
                problem = "'content' must be a non-empty string";
                return false;
            }

            TimeSpan? expiresAfter = null;
            if (Text(root, "expires_at", out problem) is { } expiresText)
            {
                if (!DateTimeOffset.TryParse(expiresText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires))
                {
                    problem = $"'expires_at' is not a time: '{expiresText}'";
                    return false;
                }

                if (expires <= now)
                {
                    problem = "expired";
                    return false;
                }

                expiresAfter = expires - now;
            }

            double? quality = null;
            if (root.TryGetProperty("quality_score", out var q) && q.ValueKind != JsonValueKind.Null)
            {
                if (q.ValueKind != JsonValueKind.Number || !q.TryGetDouble(out var score) || !double.IsFinite(score) || score is < 0 or > 1)
                {
                    problem = "'quality_score' must be a number from 0 to 1 or null";
                    return false;
                }

                quality = score;
            }

            var tags = new List<string>();
            if (root.TryGetProperty("tags", out var t) && t.ValueKind != JsonValueKind.Null)
            {
                if (t.ValueKind != JsonValueKind.Array || t.EnumerateArray().Any(tag => tag.ValueKind != JsonValueKind.String))
                {
                    problem = "'tags' must be a list of strings";
                    return false;
                }

                tags.AddRange(t.EnumerateArray().Select(tag => tag.GetString()!));
            }

            var metadata = ValueMap<object?>.Empty;
            if (root.TryGetProperty("metadata", out var m) && m.ValueKind != JsonValueKind.Null)
            {
                if (m.ValueKind != JsonValueKind.Object)
                {
                    problem = "'metadata' must be an object";
                    return false;
                }

                metadata = (ValueMap<object?>)PlainJson.Read(m)!;
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var name in (string[])["category", "user_id", "agent_id", "run_id", "source_rule"])
            {
                fields[name] = Text(root, name, out problem);
                if (problem is not null)
                {
                    return false;
                }
            }

            if (root.TryGetProperty("archived", out var archivedValue) && archivedValue.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                problem = "'archived' must be true or false";
                return false;
            }

            archived = archivedValue.ValueKind == JsonValueKind.True;

            draft = new MemoryDraft
            {
                Content = content.GetString()!,
                Tags = ValueList<string>.From(tags),
                Category = fields["category"],
                Metadata = metadata,
                QualityScore = quality,
                UserId = fields["user_id"],
                AgentId = fields["agent_id"],
                RunId = fields["run_id"],
                SourceRule = fields["source_rule"],
                ExpiresAfter = expiresAfter,
            };
            return true;
        }
        catch (JsonException ex)
        {
            problem = $"not valid JSON (at character {ex.BytePositionInLine + 1})";
            return false;
        }
    }

    private static string? Text(JsonElement root, string name, out string? problem)
    {
        problem = null;
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problem = $"'{name}' must be a string or null";
            return null;
        }

        return value.GetString();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
