using System.Globalization;
using System.Text.Json;
using MemoryTriggers.Configuration;
using Environment = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Deployment;

/// <summary>The JSON of version manifests, the current-version pointer and audit lines: snake_case keys, UTC times in ISO 8601.</summary>
internal static class DeploymentJson
{
    private static readonly JsonWriterOptions s_indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions s_compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string Write(Action<Utf8JsonWriter> body, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, indented ? s_indented : s_compact))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return DeploymentFiles.Utf8.GetString(stream.ToArray());
    }

    public static string Manifest(DeploymentVersion version) => Write(json =>
    {
        json.WriteNumber("version", version.Number);
        json.WriteString("environment", EnvironmentNames.Of(version.Environment));
        json.WriteString("hash", version.Hash);
        json.WriteString("created_at", Time(version.CreatedAt));
        json.WriteString("user", version.User);
        json.WriteString("action", YamlNames.Of(version.Action));
        Nullable(json, "source", version.Source);
        Nullable(json, "from_version", version.FromVersion);
        json.WriteStartArray("policy_files");
        foreach (var name in version.PolicyFiles)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        Nullable(json, "tool_version", version.ToolVersion);
    }) + "\n";

    public static DeploymentVersion ReadManifest(string text, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (!EnvironmentNames.TryParse(String(root, "environment"), out Environment environment)
                || !EnvironmentNames.TryParse(String(root, "action"), out DeploymentAction action))
            {
                throw new FormatException("unknown environment or action");
            }

            return new DeploymentVersion
            {
                Number = root.GetProperty("version").GetInt32(),
                Environment = environment,
                Hash = String(root, "hash") ?? throw new FormatException("no hash"),
                CreatedAt = DateTimeOffset.Parse(String(root, "created_at") ?? throw new FormatException("no created_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                User = String(root, "user") ?? string.Empty,
                Action = action,
                Source = String(root, "source"),
                FromVersion = Int(root, "from_version"),
                PolicyFiles = root.TryGetProperty("policy_files", out var files) && files.ValueKind == JsonValueKind.Array
                    ? ValueList<string>.From(files.EnumerateArray().Select(f => f.GetString() ?? string.Empty))
                    : ValueList<string>.Empty,
                ToolVersion = String(root, "tool_version"),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new DeploymentException($"{path}: the version manifest is damaged: {ex.Message}", ex);
        }
    }

    public static string Pointer(int version, string hash) => Write(json =>
    {
        json.WriteNumber("version", version);
        json.WriteString("hash", hash);
    }) + "\n";

    public static (int Version, string Hash) ReadPointer(string text, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            return (root.GetProperty("version").GetInt32(), String(root, "hash") ?? throw new FormatException("no hash"));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new DeploymentException($"{path}: the current-version pointer is damaged: {ex.Message}", ex);
        }
    }

    public static string AuditLine(AuditEntry entry) => Write(json =>
    {
        json.WriteString("time", Time(entry.Time));
        json.WriteString("user", entry.User);
        json.WriteString("environment", EnvironmentNames.Of(entry.Environment));
        json.WriteString("action", YamlNames.Of(entry.Action));
        json.WriteString("result", YamlNames.Of(entry.Result));
        Nullable(json, "old_version", entry.OldVersion);
        Nullable(json, "old_hash", entry.OldHash);
        Nullable(json, "new_version", entry.NewVersion);
        Nullable(json, "new_hash", entry.NewHash);
        Nullable(json, "source", entry.Source);
        Nullable(json, "message", entry.Message);
    }, indented: false);

    /// <summary>Reads an audit line; a line that is not a complete entry (for example cut by a crash) gives null.</summary>
    public static AuditEntry? ReadAuditLine(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (!EnvironmentNames.TryParse(String(root, "environment"), out Environment environment)
                || !EnvironmentNames.TryParse(String(root, "action"), out DeploymentAction action)
                || !EnvironmentNames.TryParse(String(root, "result"), out DeploymentOutcome result)
                || String(root, "time") is not { } time)
            {
                return null;
            }

            return new AuditEntry
            {
                Time = DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                User = String(root, "user") ?? string.Empty,
                Environment = environment,
                Action = action,
                Result = result,
                OldVersion = Int(root, "old_version"),
                OldHash = String(root, "old_hash"),
                NewVersion = Int(root, "new_version"),
                NewHash = String(root, "new_hash"),
                Source = String(root, "source"),
                Message = String(root, "message"),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int? Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static void Nullable(Utf8JsonWriter json, string name, string? value)
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

    private static void Nullable(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
