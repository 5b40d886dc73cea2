using System.Collections.ObjectModel;
using System.Security.Cryptography;
using System.Text;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Deployment;

/// <summary>
/// What one deployed version holds: the configuration text and the policy files (name → text), exactly
/// as written, and the SHA-256 content hash that identifies them.
/// </summary>
public sealed class DeploymentContent
{
    /// <summary>The file name of the configuration in a version and in the live environment directory.</summary>
    public const string ConfigFileName = "config.yaml";

    /// <summary>The directory of the policy files in a version and in the live environment directory.</summary>
    public const string PoliciesDirectoryName = "policies";

    /// <summary>The prefix of every content hash.</summary>
    public const string HashPrefix = "sha256:";

    /// <summary>Initializes a new instance of the <see cref="DeploymentContent"/> class.</summary>
    /// <param name="configText">The configuration's YAML text.</param>
    /// <param name="policyFiles">The policy files by file name (each a plain <c>*.yaml</c> or <c>*.yml</c> name, see <see cref="IsValidPolicyFileName"/>).</param>
    /// <exception cref="ArgumentException">A policy file name is not a plain policy file name, or is given twice.</exception>
    public DeploymentContent(string configText, IEnumerable<KeyValuePair<string, string>>? policyFiles = null)
    {
        ArgumentNullException.ThrowIfNull(configText);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in policyFiles ?? [])
        {
            if (!IsValidPolicyFileName(name))
            {
                throw new ArgumentException($"'{name}' is not a policy file name: a plain *.yaml or *.yml name without directories.", nameof(policyFiles));
            }

            ArgumentNullException.ThrowIfNull(text, nameof(policyFiles));
            if (!files.TryAdd(name, text))
            {
                throw new ArgumentException($"The policy file '{name}' is given twice.", nameof(policyFiles));
            }
        }

        ConfigText = configText;
        PolicyFiles = new ReadOnlyDictionary<string, string>(files);
        Hash = ComputeHash(configText, files);
    }

    /// <summary>Gets the configuration's YAML text.</summary>
    public string ConfigText { get; }

    /// <summary>Gets the policy files by name, in ordinal order of name (the order the policy loader reads them).</summary>
    public IReadOnlyDictionary<string, string> PolicyFiles { get; }

    /// <summary>Gets the content hash: <c>sha256:</c> and 64 lower-case hex digits over the configuration and every policy file with its name.</summary>
    public string Hash { get; }

    /// <summary>Gets the first 12 hex digits of the hash, for messages.</summary>
    public string ShortHash => ShortenHash(Hash);

    /// <summary>Tells whether a name is a plain policy file name: <c>*.yaml</c> or <c>*.yml</c>, no directory part, no control characters.</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether it may name a policy file of a version.</returns>
    public static bool IsValidPolicyFileName(string? name) =>
        name is { Length: > 0 and <= 255 }
        && PolicyLoader.IsPolicyFile(name)
        && name.IndexOfAny(['/', '\\', ':']) < 0
        && !name.Any(char.IsControl)
        && name.Trim() == name
        && name is not ("." or "..");

    /// <summary>Reads a configuration file and, when <paramref name="policyDirectory"/> is given, every policy file directly in it.</summary>
    /// <param name="configPath">The configuration file.</param>
    /// <param name="policyDirectory">The policy directory, or null for no policy files.</param>
    /// <returns>The content.</returns>
    /// <exception cref="DeploymentException">A file or the directory cannot be read.</exception>
    public static DeploymentContent FromFiles(string configPath, string? policyDirectory)
    {
        ArgumentNullException.ThrowIfNull(configPath);
        var config = DeploymentFiles.ReadText(configPath, "the configuration file");
        return new DeploymentContent(config, policyDirectory is null ? null : ReadPolicyDirectory(policyDirectory));
    }

    /// <summary>Reads every policy file directly in a directory.</summary>
    /// <param name="directory">The directory.</param>
    /// <returns>The files by name.</returns>
    /// <exception cref="DeploymentException">The directory does not exist or a file cannot be read.</exception>
    public static IReadOnlyDictionary<string, string> ReadPolicyDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new DeploymentException($"{directory}: the policy directory does not exist");
        }

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var path in PolicyLoader.ListFiles(directory))
            {
                var name = Path.GetFileName(path);
                if (!IsValidPolicyFileName(name))
                {
                    throw new DeploymentException($"{path}: the file name cannot be deployed; rename it to a plain *.yaml name");
                }

                files[name] = DeploymentFiles.ReadText(path, "the policy file");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DeploymentException($"{directory}: the policy directory cannot be read: {ex.Message}", ex);
        }

        return new ReadOnlyDictionary<string, string>(files);
    }

    /// <summary>Returns the first 12 hex digits of a content hash, for messages.</summary>
    /// <param name="hash">The hash, with or without <see cref="HashPrefix"/>.</param>
    /// <returns>The short form.</returns>
    public static string ShortenHash(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var hex = hash.StartsWith(HashPrefix, StringComparison.Ordinal) ? hash[HashPrefix.Length..] : hash;
        return hex.Length > 12 ? hex[..12] : hex;
    }

    /// <summary>Returns a copy with other policy files (the configuration unchanged).</summary>
    /// <param name="policyFiles">The policy files.</param>
    /// <returns>The new content.</returns>
    public DeploymentContent WithPolicies(IEnumerable<KeyValuePair<string, string>> policyFiles) => new(ConfigText, policyFiles);

    private static string ComputeHash(string config, SortedDictionary<string, string> policies)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, "memory-triggers-deployment-v1\n");
        AddFile(hash, ConfigFileName, config);
        foreach (var (name, text) in policies)
        {
            AddFile(hash, PoliciesDirectoryName + "/" + name, text);
        }

        return HashPrefix + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AddFile(IncrementalHash hash, string name, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Add(hash, $"{name}\n{bytes.Length}\n");
        hash.AppendData(bytes);
    }

    private static void Add(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));
}
