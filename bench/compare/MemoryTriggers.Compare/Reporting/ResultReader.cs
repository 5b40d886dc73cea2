using System.Text.Json;

namespace MemoryTriggers.Compare.Reporting;

/// <summary>Reads a result JSON; anything that does not fit PROTOCOL.md's format is an
/// <see cref="InvalidDataException"/> naming the file and the field.</summary>
internal static class ResultReader
{
    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    public static ResultFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{path}: cannot read: {e.Message}", e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses the JSON <paramref name="text"/> of the file <paramref name="source"/>.</summary>
    public static ResultFile Parse(string text, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, "the root must be an object");
            }

            var latency = root.TryGetProperty("latency_ns", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
            return new ResultFile
            {
                Source = source,
                Engine = String(root, "engine", source, required: true),
                EngineVersion = String(root, "engine_version", source, required: false),
                Runtime = String(root, "runtime", source, required: false),
                Rules = String(root, "rules", source, required: true),
                RuleCount = (int)(Number(root, "rule_count", source) ?? 0),
                Variant = String(root, "variant", source, required: true),
                Run = (int)(Number(root, "run", source) ?? 1),
                CheckedEvents = (int)(Number(root, "checked_events", source) ?? throw Invalid(source, "'checked_events' is required")),
                MatchesSha256 = String(root, "matches_sha256", source, required: true),
                ColdStartMs = Number(root, "cold_start_ms", source),
                ThroughputEps = Number(root, "throughput_eps", source),
                BytesPerEvent = Number(root, "bytes_per_event", source),
                LatencyP50Ns = latency.ValueKind == JsonValueKind.Object ? Number(latency, "p50", source) : null,
                LatencyP99Ns = latency.ValueKind == JsonValueKind.Object ? Number(latency, "p99", source) : null,
                LatencyP999Ns = latency.ValueKind == JsonValueKind.Object ? Number(latency, "p999", source) : null,
                TwoThreadEps = Number(root, "two_thread_eps", source),
                EndToEndEps = Number(root, "end_to_end_eps", source),
                Extra = Extra(root, source),
            };
        }
        catch (JsonException e)
        {
            throw Invalid(source, $"not valid JSON: {e.Message}");
        }
    }

    private static string String(JsonElement root, string name, string source, bool required)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            return value.GetString()!;
        }

        return required || (root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
            ? throw Invalid(source, $"'{name}' must be a string")
            : "";
    }

    private static double? Number(JsonElement element, string name, string source)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw Invalid(source, $"'{name}' must be a number or null");
    }

    private static List<KeyValuePair<string, double>> Extra(JsonElement root, string source)
    {
        var extra = new List<KeyValuePair<string, double>>();
        if (!root.TryGetProperty("extra", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return extra;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, "'extra' must be an object of numbers");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (Number(element, property.Name, source) is { } value)
            {
                extra.Add(new(property.Name, value));
            }
        }

        return extra;
    }

    private static InvalidDataException Invalid(string source, string message) => new($"{source}: {message}");
}
