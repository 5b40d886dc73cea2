using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Policies;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Configuration.Reload;

/// <summary>
/// The bytes of the configuration file and the policy files, read once, with their hashes. Validation runs on
/// these same bytes, so what is hashed is exactly what is validated, whatever an editor does meanwhile.
/// </summary>
internal sealed class SourceFiles
{
    private SourceFiles(string configPath, byte[] config, IReadOnlyList<(string Path, byte[] Bytes)> policies, IReadOnlyDictionary<string, string?> variables)
    {
        ConfigPath = configPath;
        Config = config;
        Policies = policies;
        Variables = variables;
        ConfigHash = Convert.ToHexStringLower(SHA256.HashData(config));
        ContentHash = HashAll(config, policies, variables);
    }

    public string ConfigPath { get; }

    public byte[] Config { get; }

    public IReadOnlyList<(string Path, byte[] Bytes)> Policies { get; }

    public IReadOnlyDictionary<string, string?> Variables { get; }

    public string ConfigHash { get; }

    public string ContentHash { get; }

    /// <summary>Reads the files; returns null and adds a <see cref="IssueCodes.LoadFailed"/> error when the configuration or the policy directory cannot be read.</summary>
    public static SourceFiles? Read(string configPath, string? policyDirectory, IReadOnlyDictionary<string, string?> variables, List<ValidationIssue> issues)
    {
        if (TryRead(configPath, issues) is not { } config)
        {
            return null;
        }

        var policies = new List<(string, byte[])>();
        if (policyDirectory is not null)
        {
            IReadOnlyList<string> files;
            try
            {
                if (!Directory.Exists(policyDirectory))
                {
                    issues.Add(LoadFailed(policyDirectory, File.Exists(policyDirectory) ? "the policy path is a file, not a directory" : "the policy directory does not exist",
                        "check the path; policy files are read from a directory of *.yaml files"));
                    return null;
                }

                files = PolicyLoader.ListFiles(policyDirectory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                issues.Add(LoadFailed(policyDirectory, "the policy directory cannot be read: " + ex.Message, "check the path and permissions"));
                return null;
            }

            foreach (var file in files)
            {
                // A file deleted between listing and reading is gone; its deletion event reloads again anyway.
                var before = issues.Count;
                if (TryRead(file, issues, missingIsGone: true) is { } bytes)
                {
                    policies.Add((file, bytes));
                }
                else if (issues.Count > before)
                {
                    return null;
                }
            }
        }

        return new SourceFiles(configPath, config, policies, variables);
    }

    /// <summary>Decodes bytes the way <see cref="File.ReadAllText(string, Encoding)"/> with UTF-8 does: a byte order mark picks the encoding.</summary>
    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static byte[]? TryRead(string path, List<ValidationIssue> issues, bool missingIsGone = false)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            if (!missingIsGone)
            {
                issues.Add(LoadFailed(path, "the file does not exist", "check the path; an editor or deploy may be replacing it"));
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            issues.Add(LoadFailed(path, "the file cannot be read: " + ex.Message, "check the path and permissions"));
            return null;
        }
    }

    private static ValidationIssue LoadFailed(string path, string message, string suggestion) =>
        new(IssueSeverity.Error, IssueCodes.LoadFailed, string.Empty, message)
        {
            Location = new SourceLocation { File = path },
            Suggestion = suggestion,
        };

    private static string HashAll(byte[] config, IReadOnlyList<(string Path, byte[] Bytes)> policies, IReadOnlyDictionary<string, string?> variables)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, "config"u8);
        Append(hash, config);
        foreach (var (path, bytes) in policies)
        {
            Append(hash, "policy"u8);
            Append(hash, Encoding.UTF8.GetBytes(Path.GetFileName(path)));
            Append(hash, bytes);
        }

        foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            Append(hash, "variable"u8);
            Append(hash, Encoding.UTF8.GetBytes(name));
            Append(hash, value is null ? "\0null"u8 : Encoding.UTF8.GetBytes(value));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Length-prefixed, so no two different sequences of parts hash the same bytes.</summary>
    private static void Append(IncrementalHash hash, ReadOnlySpan<byte> part)
    {
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, part.Length);
        hash.AppendData(length);
        hash.AppendData(part);
    }
}
