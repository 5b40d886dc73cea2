namespace MemoryTriggers.Policies;

/// <summary>
/// Loads policy rules from YAML files into a <see cref="PolicySet"/>. A policy file is a mapping with
/// <c>rules:</c> (rule name → rule) and an optional <c>match_mode: all|first</c>. Problems are reported
/// as issues with file, line and column, never thrown; only a null argument throws.
/// </summary>
/// <remarks>
/// A rule with any error in its own structure (a wrong type, an unknown enum name, a missing condition
/// <c>type</c>, a duplicate key inside it, a name already taken) is left out of the set as a whole, so
/// the set never holds a half-read rule. Warnings and information (unknown keys, a <c>name</c> that
/// differs from the key, ignored fields) do not drop anything. This loader checks form only; whether
/// regexes compile, required action parameters are present and chains resolve is for the policy
/// validator, which can locate its issues through <see cref="PolicySet.Documents"/>.
/// </remarks>
public static class PolicyLoader
{
    /// <summary>Loads one policy document from text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="sourceName">The name used in locations and in <see cref="PolicyRule.Source"/>; the document is stored in
    /// <see cref="PolicySet.Documents"/> under this name, or under the empty string when it is null.</param>
    /// <returns>The rules and the issues.</returns>
    public static PolicyLoadResult LoadFromString(string yaml, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var builder = new PolicySetBuilder();
        builder.AddText(yaml, sourceName);
        return builder.Build();
    }

    /// <summary>Loads one policy file, read as UTF-8.</summary>
    /// <param name="path">The file's path, used as its source name.</param>
    /// <returns>The rules and the issues; a file that cannot be read is a <see cref="Validation.IssueCodes.LoadFailed"/> error.</returns>
    public static PolicyLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return LoadFiles([path]);
    }

    /// <summary>Loads several policy files, in the order given, into one set.</summary>
    /// <param name="paths">The files' paths.</param>
    /// <returns>The merged rules and the issues of every file; rule names must be unique across the files, and files that set
    /// <c>match_mode</c> must agree.</returns>
    public static PolicyLoadResult LoadFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var builder = new PolicySetBuilder();
        foreach (var path in paths)
        {
            if (path is null)
            {
                throw new ArgumentException("A path is null.", nameof(paths));
            }

            builder.AddFile(path);
        }

        return builder.Build();
    }

    /// <summary>Tells whether a path names a policy file: <c>*.yaml</c> or <c>*.yml</c>, in any case.</summary>
    /// <param name="path">The path.</param>
    /// <returns>Whether it is a policy file.</returns>
    public static bool IsPolicyFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Lists the policy files directly in a directory, in the order <see cref="LoadDirectory"/> reads them.</summary>
    /// <param name="directory">The directory.</param>
    /// <returns>The files; empty when the directory does not exist.</returns>
    public static IReadOnlyList<string> ListFiles(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Where(IsPolicyFile).OrderBy(Path.GetFileName, StringComparer.Ordinal).ToArray()
            : [];
    }

    /// <summary>Loads every <c>*.yaml</c> and <c>*.yml</c> file directly in a directory, in ordinal order of file name, into one set.</summary>
    /// <param name="directory">The directory; subdirectories are not read.</param>
    /// <returns>The merged rules and the issues; a directory that does not exist or cannot be listed is a
    /// <see cref="Validation.IssueCodes.LoadFailed"/> error, and a directory without policy files gives an empty, valid set.</returns>
    public static PolicyLoadResult LoadDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var builder = new PolicySetBuilder();
        if (builder.ListPolicyFiles(directory) is { } files)
        {
            foreach (var file in files)
            {
                builder.AddFile(file);
            }
        }

        return builder.Build();
    }
}
