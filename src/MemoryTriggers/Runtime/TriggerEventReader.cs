using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Runtime;

/// <summary>
/// Reads trigger events from JSON lines (one object per line; blank lines skipped), or from one JSON
/// document holding an object or an array of objects. Every problem is reported with its file, line
/// and column and never thrown, so one bad line does not stop a stream.
/// </summary>
/// <remarks>
/// Fields: <c>id</c> (string; if missing, derived from the event's text, so a replayed line keeps its
/// id), <c>trigger_type</c> (required: workflow, agent, task, error, success, pattern, context,
/// lifecycle), <c>timestamp</c> (ISO 8601; if missing, the time it was read), <c>agent_id</c>,
/// <c>workflow_id</c>, <c>task_id</c>, <c>user_id</c>, <c>session_id</c> (strings), <c>success</c>
/// (boolean), <c>confidence</c> and <c>quality_score</c> (numbers in [0, 1]) and <c>payload</c> (an object).
/// </remarks>
public static partial class TriggerEventReader
{
    private static readonly string[] Fields =
        ["id", "trigger_type", "timestamp", "agent_id", "workflow_id", "task_id", "user_id", "session_id", "success", "confidence", "quality_score", "payload"];

    /// <summary>Reads the events of a file (JSON lines, or one JSON document if the first character is <c>[</c>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="timeProvider">Stamps events without a timestamp; the system clock if null.</param>
    /// <returns>The events and problems, in file order.</returns>
    public static IEnumerable<TriggerEventRead> ReadFile(string path, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var time = timeProvider ?? TimeProvider.System;

        // JSON lines are streamed, so a file of any size reads in constant memory; a document is read whole.
        var first = File.ReadLines(path).Select(l => l.TrimStart()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
        return first.StartsWith('[') || (first.StartsWith('{') && !IsCompleteJson(first))
            ? ReadDocument(File.ReadAllText(path), path, time)
            : ReadLines(File.ReadLines(path), path, time);
    }

    /// <summary>Reads events from text: JSON lines, or one JSON document if the first non-blank character is <c>[</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="source">The name problems carry as their file.</param>
    /// <param name="timeProvider">Stamps events without a timestamp; the system clock if null.</param>
    /// <returns>The events and problems, in order.</returns>
    public static IEnumerable<TriggerEventRead> Read(string text, string? source = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var time = timeProvider ?? TimeProvider.System;
        var trimmed = text.TrimStart();
        var firstLine = trimmed.Split('\n', 2)[0];
        return trimmed.StartsWith('[') || (trimmed.StartsWith('{') && !IsCompleteJson(firstLine))
            ? ReadDocument(text, source, time)
            : ReadLines(text.Split('\n'), source, time);
    }

    /// <summary>Reads one event from a JSON object.</summary>
    /// <param name="json">The object.</param>
    /// <param name="source">The name problems carry as their file.</param>
    /// <param name="line">The line the object starts on, for problems.</param>
    /// <param name="timeProvider">Stamps an event without a timestamp; the system clock if null.</param>
    /// <returns>The event, or the first problem found.</returns>
    public static TriggerEventRead FromJson(JsonElement json, string? source = null, int line = 1, TimeProvider? timeProvider = null) =>
        Parse(json, json.GetRawText(), source, line, 1, timeProvider ?? TimeProvider.System);

    private static IEnumerable<TriggerEventRead> ReadLines(IEnumerable<string> lines, string? source, TimeProvider time)
    {
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return ParseLine(line, source, number, time);
        }
    }

    /// <summary>Whether a line is one complete JSON value (a JSON lines line), rather than the start of a pretty-printed document.</summary>
    private static bool IsCompleteJson(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static TriggerEventRead ParseLine(string line, string? source, int number, TimeProvider time)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return Parse(document.RootElement, line, source, number, 1, time);
        }
        catch (JsonException e)
        {
            return new TriggerEventRead(number, null, Issue(TriggerEventIssueCodes.InvalidJson, "$", $"Line {number} is not valid JSON: {Describe(e)}", source, number, (int)(e.BytePositionInLine ?? 0) + 1));
        }
    }

    private static List<TriggerEventRead> ReadDocument(string text, string? source, TimeProvider time)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return [new TriggerEventRead((int)(e.LineNumber ?? 0) + 1, null, Issue(TriggerEventIssueCodes.InvalidJson, "$", $"Not valid JSON: {Describe(e)}", source, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1))];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return [Parse(root, root.GetRawText(), source, 1, 1, time)];
            }

            // Positions inside a document: count the lines before each element's text.
            var results = new List<TriggerEventRead>();
            var searchFrom = 0;
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                var raw = element.GetRawText();
                var at = text.IndexOf(raw, searchFrom, StringComparison.Ordinal);
                var line = at < 0 ? 1 : 1 + text.AsSpan(0, at).Count('\n');
                searchFrom = at < 0 ? searchFrom : at + raw.Length;
                results.Add(Parse(element, raw, source, line, 1, time, $"$[{index++}]"));
            }

            return results;
        }
    }

    private static TriggerEventRead Parse(JsonElement json, string raw, string? source, int line, int column, TimeProvider time, string path = "$")
    {
        TriggerEventRead Fail(string code, string field, string message, string? suggestion = null) =>
            new(line, null, Issue(code, field.Length == 0 ? path : $"{path}.{field}", message, source, line, column) with { Suggestion = suggestion });

        if (json.ValueKind != JsonValueKind.Object)
        {
            return Fail(TriggerEventIssueCodes.NotAnObject, string.Empty, $"An event must be a JSON object, not {Kind(json)}.");
        }

        if (InvalidText(json, string.Empty) is { } invalid)
        {
            return Fail(TriggerEventIssueCodes.InvalidText, invalid.TrimStart('.'), $"The event has text that is not valid Unicode at '{path}{invalid}' (an unpaired surrogate escape such as \\ud800).", "Send UTF-8 text; escape only complete surrogate pairs.");
        }

        foreach (var property in json.EnumerateObject())
        {
            if (Array.IndexOf(Fields, property.Name) < 0)
            {
                var closest = YamlNames.Closest(property.Name, Fields);
                return Fail(
                    TriggerEventIssueCodes.FieldUnknown,
                    property.Name,
                    $"Unknown event field '{property.Name}'.",
                    closest is not null ? $"Did you mean '{closest}'? Event data goes under 'payload'." : "Event data goes under 'payload'.");
            }
        }

        if (!json.TryGetProperty("trigger_type", out var typeJson))
        {
            return Fail(TriggerEventIssueCodes.FieldRequired, "trigger_type", "The event has no 'trigger_type'.", $"One of: {string.Join(", ", Enum.GetValues<MemoryTriggerType>().Select(t => YamlNames.Of(t)))}.");
        }

        var types = Enum.GetValues<MemoryTriggerType>();
        var typeName = typeJson.ValueKind == JsonValueKind.String ? typeJson.GetString()!.Trim().ToLowerInvariant() : null;
        var type = types.Cast<MemoryTriggerType?>().FirstOrDefault(t => YamlNames.Of(t!.Value) == typeName);
        if (type is null)
        {
            var names = types.Select(t => YamlNames.Of(t)).ToList();
            var closest = typeName is null ? null : YamlNames.Closest(typeName, names);
            return Fail(
                TriggerEventIssueCodes.TriggerType,
                "trigger_type",
                $"'trigger_type' must be one of {string.Join(", ", names)}, not {(typeName is null ? Kind(typeJson) : $"'{typeJson.GetString()}'")}.",
                closest is null ? null : $"Did you mean '{closest}'?");
        }

        string? problem = null;
        string? Text(string name)
        {
            if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }

            problem ??= name;
            return null;
        }

        double? Score(string name)
        {
            if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
            {
                return number;
            }

            problem ??= name;
            return null;
        }

        var id = Text("id");
        var agent = Text("agent_id");
        var workflow = Text("workflow_id");
        var task = Text("task_id");
        var user = Text("user_id");
        var session = Text("session_id");
        var timestampText = Text("timestamp");
        var confidence = Score("confidence");
        var quality = Score("quality_score");
        bool? success = null;
        if (json.TryGetProperty("success", out var successJson) && successJson.ValueKind != JsonValueKind.Null)
        {
            if (successJson.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                success = successJson.GetBoolean();
            }
            else
            {
                problem ??= "success";
            }
        }

        var payload = TriggerEvent.EmptyPayload;
        if (json.TryGetProperty("payload", out var payloadJson) && payloadJson.ValueKind != JsonValueKind.Null)
        {
            if (payloadJson.ValueKind == JsonValueKind.Object)
            {
                payload = payloadJson.Clone();
            }
            else
            {
                problem ??= "payload";
            }
        }

        if (problem is not null)
        {
            var expected = problem switch
            {
                "success" => "true or false",
                "confidence" or "quality_score" => "a number",
                "payload" => "an object",
                _ => "a string",
            };
            return Fail(TriggerEventIssueCodes.FieldType, problem, $"'{problem}' must be {expected}, not {Kind(json.GetProperty(problem))}.");
        }

        foreach (var (name, score) in new[] { ("confidence", confidence), ("quality_score", quality) })
        {
            if (score is < 0 or > 1)
            {
                return Fail(TriggerEventIssueCodes.FieldRange, name, $"'{name}' must be between 0 and 1, not {score.Value.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        var timestamp = time.GetUtcNow();
        if (timestampText is not null && !(IsoDate().IsMatch(timestampText) && DateTimeOffset.TryParse(timestampText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp)))
        {
            return Fail(TriggerEventIssueCodes.FieldType, "timestamp", $"'timestamp' must be an ISO 8601 date and time, not '{timestampText}'.", "For example 2026-11-24T10:15:00Z.");
        }

        if (id is not null && id.Trim().Length == 0)
        {
            return Fail(TriggerEventIssueCodes.FieldType, "id", "'id' must not be empty.");
        }

        return new TriggerEventRead(line, new TriggerEvent
        {
            Id = id ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)).AsSpan(0, 16)),
            TriggerType = type.Value,
            Timestamp = timestamp,
            AgentId = agent,
            WorkflowId = workflow,
            TaskId = task,
            UserId = user,
            SessionId = session,
            Success = success,
            Confidence = confidence,
            QualityScore = quality,
            Payload = payload,
        }, null);
    }

    /// <summary>The path of the first string or property name that is not valid Unicode, or null; reading one throws, so every one is read once here.</summary>
    private static string? InvalidText(JsonElement json, string path)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    _ = json.GetString();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return path;
                }

            case JsonValueKind.Object:
                var index = 0;
                foreach (var property in json.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return $"{path}.<property {index}>";
                    }

                    if (InvalidText(property.Value, $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }

                    index++;
                }

                return null;

            case JsonValueKind.Array:
                var item = 0;
                foreach (var element in json.EnumerateArray())
                {
                    if (InvalidText(element, $"{path}[{item++}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;

            default:
                return null;
        }
    }

    private static ValidationIssue Issue(string code, string path, string message, string? file, int line, int column) =>
        new(IssueSeverity.Error, code, path, message) { Location = SourceLocation.At(file, line, column) };

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")]
    private static partial System.Text.RegularExpressions.Regex IsoDate();

    private static string Describe(JsonException e) => e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
