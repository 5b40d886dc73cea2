using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MemoryTriggers.Configuration;
using Environment = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Deployment;

/// <summary>
/// A backup of one deployed version in one file: the configuration, optionally the policy files,
/// metadata (environment, version, time, user, tool version) and a SHA-256 checksum. The first line
/// is <c># memory-config backup v1 sha256:HEX</c>, the checksum of every byte after it; the rest is a
/// JSON document (so the file is also valid YAML). Any change or truncation fails the checksum.
/// </summary>
public sealed class BackupBundle
{
    /// <summary>The largest bundle <see cref="Read"/> accepts.</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    /// <summary>The value of the payload's <c>format</c> key.</summary>
    public const string FormatName = "memory-config-backup";

    /// <summary>The bundle format version this library writes and reads.</summary>
    public const int FormatVersion = 1;

    private const string HeaderStart = "# memory-config backup v";
    private const string HeaderPrefix = "# memory-config backup v1 sha256:";

    /// <summary>Initializes a new instance of the <see cref="BackupBundle"/> class.</summary>
    /// <param name="environment">The environment the version belongs to.</param>
    /// <param name="version">The version number, if the content came from a deployment root.</param>
    /// <param name="content">The configuration and, when <paramref name="includesPolicies"/>, the policy files.</param>
    /// <param name="includesPolicies">Whether the policy files are part of the backup; a restore of a bundle without them keeps the deployed policies.</param>
    /// <param name="createdAt">When the backup was taken.</param>
    /// <param name="toolVersion">The tool version that wrote it.</param>
    /// <param name="user">Who took it.</param>
    /// <param name="versionHash">The content hash of the whole version backed up (policies included even when the bundle leaves them out).</param>
    public BackupBundle(Environment environment, int? version, DeploymentContent content, bool includesPolicies, DateTimeOffset createdAt, string toolVersion, string? user = null, string? versionHash = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(toolVersion);
        if (!includesPolicies && content.PolicyFiles.Count > 0)
        {
            throw new ArgumentException("A bundle without policies cannot hold policy files.", nameof(content));
        }

        Environment = environment;
        Version = version;
        Content = content;
        IncludesPolicies = includesPolicies;
        CreatedAt = createdAt;
        ToolVersion = toolVersion;
        User = user;
        VersionHash = versionHash;
    }

    /// <summary>Gets the environment.</summary>
    public Environment Environment { get; }

    /// <summary>Gets the version number backed up, if known.</summary>
    public int? Version { get; }

    /// <summary>Gets the configuration and the policy files.</summary>
    public DeploymentContent Content { get; }

    /// <summary>Gets a value indicating whether the policy files are part of the backup.</summary>
    public bool IncludesPolicies { get; }

    /// <summary>Gets when the backup was taken.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Gets the tool version that wrote the bundle.</summary>
    public string ToolVersion { get; }

    /// <summary>Gets who took the backup.</summary>
    public string? User { get; }

    /// <summary>Gets the content hash of the version backed up.</summary>
    public string? VersionHash { get; }

    /// <summary>Gets a file name for the bundle: <c>memory-config-backup-ENV-vN-YYYYMMDDTHHMMSSZ.yaml</c>.</summary>
    public string DefaultFileName => string.Create(CultureInfo.InvariantCulture,
        $"memory-config-backup-{EnvironmentNames.Of(Environment)}{(Version is { } v ? $"-v{v}" : string.Empty)}-{CreatedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.yaml");

    /// <summary>Reads and verifies a bundle. Never throws for bad bytes: any problem is the result's <see cref="BackupBundleReadResult.Error"/>.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <returns>The bundle, or why it cannot be used.</returns>
    public static BackupBundleReadResult Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            return Fail($"the file is larger than {MaxBytes / (1024 * 1024)} MiB; it is not a backup bundle");
        }

        var newline = bytes.IndexOf((byte)'\n');
        var headerBytes = newline < 0 ? bytes : bytes[..newline];
        var header = Encoding.ASCII.GetString(headerBytes.Length > 200 ? headerBytes[..200] : headerBytes);
        if (!header.StartsWith(HeaderStart, StringComparison.Ordinal))
        {
            return Fail($"not a memory-config backup bundle: the first line must start with '{HeaderStart}1'");
        }

        if (!header.StartsWith(HeaderPrefix, StringComparison.Ordinal))
        {
            return Fail($"the bundle's format is not supported (this tool reads version {FormatVersion}): '{Shorten(header)}'");
        }

        var expected = header[HeaderPrefix.Length..];
        if (newline < 0 || expected.Length != 64 || !expected.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            return Fail("the bundle's header is damaged: it must end with 'sha256:' and 64 lower-case hex digits and a line break");
        }

        var payload = bytes[(newline + 1)..];
        var actual = Convert.ToHexStringLower(SHA256.HashData(payload));
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            return Fail($"checksum mismatch: the bundle was changed or truncated after it was written (header sha256:{expected[..12]}…, content sha256:{actual[..12]}…); nothing restored");
        }

        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(payload);
            using var document = JsonDocument.Parse(text);
            return Parse(document.RootElement);
        }
        catch (DecoderFallbackException)
        {
            return Fail("the bundle's content is not UTF-8 text");
        }
        catch (JsonException ex)
        {
            return Fail($"the bundle's content is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Reads and verifies a bundle file; the error names the file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The bundle, or why it cannot be used.</returns>
    public static BackupBundleReadResult ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxBytes)
            {
                return Fail($"{path}: the file is larger than {MaxBytes / (1024 * 1024)} MiB; it is not a backup bundle");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Fail($"{path}: the backup file does not exist");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail($"{path}: the backup file cannot be read: {ex.Message}");
        }

        var result = Read(bytes);
        return result.Success ? result : Fail($"{path}: {result.Error}");
    }

    /// <summary>Writes the bundle: the header line with the checksum, then the JSON payload.</summary>
    /// <returns>The bytes of the file.</returns>
    public byte[] ToBytes()
    {
        var payload = Encoding.UTF8.GetBytes(Payload());
        var header = Encoding.ASCII.GetBytes(HeaderPrefix + Convert.ToHexStringLower(SHA256.HashData(payload)) + "\n");
        return [.. header, .. payload];
    }

    /// <summary>
    /// Writes the bundle to a file atomically (a temporary file in the same directory, then a rename),
    /// readable by its owner only on Unix: it holds the files exactly as deployed.
    /// </summary>
    /// <param name="path">The file; its directory is created.</param>
    public void WriteTo(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        DeploymentFiles.WriteAtomic(path, ToBytes(), ownerOnly: true);
    }

    private static BackupBundleReadResult Fail(string error) => new() { Error = error };

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    private static BackupBundleReadResult Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("the bundle's content is not a JSON object");
        }

        if (DeploymentJson.String(root, "format") != FormatName || DeploymentJson.Int(root, "format_version") != FormatVersion)
        {
            return Fail($"the bundle's content does not say format '{FormatName}', format_version {FormatVersion}");
        }

        if (!EnvironmentNames.TryParse(DeploymentJson.String(root, "environment"), out Environment environment))
        {
            return Fail("the bundle's 'environment' is missing or not one of development, testing, staging, production");
        }

        if (!DateTimeOffset.TryParse(DeploymentJson.String(root, "created_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var createdAt))
        {
            return Fail("the bundle's 'created_at' is missing or not a time");
        }

        if (DeploymentJson.String(root, "config") is not { } config)
        {
            return Fail("the bundle has no 'config' text");
        }

        if (!root.TryGetProperty("includes_policies", out var includes) || includes.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return Fail("the bundle's 'includes_policies' is missing or not true/false");
        }

        var policies = new List<KeyValuePair<string, string>>();
        if (!root.TryGetProperty("policies", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return Fail("the bundle's 'policies' is missing or not a list");
        }

        foreach (var item in list.EnumerateArray())
        {
            var name = DeploymentJson.String(item, "name");
            var text = DeploymentJson.String(item, "content");
            if (!DeploymentContent.IsValidPolicyFileName(name) || text is null)
            {
                return Fail($"the bundle's policy entry '{name}' is not a plain *.yaml file name with text content");
            }

            if (policies.Any(p => p.Key == name))
            {
                return Fail($"the bundle holds the policy file '{name}' twice");
            }

            policies.Add(new(name!, text));
        }

        if (!includes.GetBoolean() && policies.Count > 0)
        {
            return Fail("the bundle says it has no policies but holds policy files");
        }

        var content = new DeploymentContent(config, policies);
        if (DeploymentJson.String(root, "content_hash") != content.Hash)
        {
            return Fail("the bundle's 'content_hash' does not match its files");
        }

        var version = DeploymentJson.Int(root, "version");
        if (version is < 1)
        {
            return Fail("the bundle's 'version' is not a positive number");
        }

        return new BackupBundleReadResult
        {
            Bundle = new BackupBundle(environment, version, content, includes.GetBoolean(), createdAt,
                DeploymentJson.String(root, "tool_version") ?? "unknown", DeploymentJson.String(root, "user"), DeploymentJson.String(root, "version_hash")),
        };
    }

    private string Payload() => DeploymentJson.Write(json =>
    {
        json.WriteString("format", FormatName);
        json.WriteNumber("format_version", FormatVersion);
        json.WriteString("environment", EnvironmentNames.Of(Environment));
        if (Version is { } version)
        {
            json.WriteNumber("version", version);
        }
        else
        {
            json.WriteNull("version");
        }

        json.WriteString("created_at", DeploymentJson.Time(CreatedAt));
        json.WriteString("tool_version", ToolVersion);
        if (User is null)
        {
            json.WriteNull("user");
        }
        else
        {
            json.WriteString("user", User);
        }

        if (VersionHash is null)
        {
            json.WriteNull("version_hash");
        }
        else
        {
            json.WriteString("version_hash", VersionHash);
        }

        json.WriteString("content_hash", Content.Hash);
        json.WriteBoolean("includes_policies", IncludesPolicies);
        json.WriteString("config", Content.ConfigText);
        json.WriteStartArray("policies");
        foreach (var (name, text) in Content.PolicyFiles)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("content", text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }) + "\n";
}
