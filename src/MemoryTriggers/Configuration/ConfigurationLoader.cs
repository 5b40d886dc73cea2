using System.Text;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Configuration;

/// <summary>
/// Loads configurations from files, strings and streams through the validation pipeline. Loading
/// returns a report; only <see cref="LoadOrThrow"/> turns errors into an exception.
/// </summary>
public static class ConfigurationLoader
{
    /// <summary>Loads a file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">How to load.</param>
    /// <returns>The report, whose <see cref="ValidationReport.Config"/> is the loaded configuration.</returns>
    public static ValidationReport Load(string path, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var message = ex is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : "the file cannot be read: " + ex.Message;
            var issue = new ValidationIssue(IssueSeverity.Error, IssueCodes.LoadFailed, string.Empty, message)
            {
                Location = new SourceLocation { File = path },
                Suggestion = "check the path and permissions",
            };
            return new ValidationReport([issue], schemaValid: false, runtimeValid: false, score: null, config: null);
        }

        return LoadFromString(text, path, options);
    }

    /// <summary>Loads YAML text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="sourceName">The name used in locations.</param>
    /// <param name="options">How to load.</param>
    /// <returns>The report.</returns>
    public static ValidationReport LoadFromString(string yaml, string? sourceName = null, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return ConfigPipeline.Run(yaml, sourceName, options ?? LoadOptions.Default);
    }

    /// <summary>
    /// Loads YAML as a running service does: strictly (unknown keys are errors) when the options say
    /// so or when the configuration itself says <c>validation_strict: true</c>. Hot reload and deploy
    /// both use it, so a deploy refuses exactly what the service would refuse.
    /// </summary>
    /// <returns>The report, and whether it was loaded strictly (policies are then checked strictly too, see <see cref="StrictPolicyIssue"/>).</returns>
    internal static (ValidationReport Report, bool Strict) LoadAsRuntime(string yaml, string? sourceName, LoadOptions options)
    {
        var report = LoadFromString(yaml, sourceName, options);
        if (options.Strict || report.Config is not { ValidationStrict: true })
        {
            return (report, options.Strict);
        }

        return (LoadFromString(yaml, sourceName, options with { Strict = true }), true);
    }

    /// <summary>A policy issue as a strict load sees it: an unknown key is an error.</summary>
    internal static ValidationIssue StrictPolicyIssue(ValidationIssue issue, bool strict) =>
        strict && issue.Code == IssueCodes.UnknownKey && !issue.IsError ? issue with { Severity = IssueSeverity.Error } : issue;

    /// <summary>Loads YAML from a stream, read to its end as UTF-8. The stream is not closed.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="sourceName">The name used in locations.</param>
    /// <param name="options">How to load.</param>
    /// <returns>The report.</returns>
    public static ValidationReport LoadFromStream(Stream stream, string? sourceName = null, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return LoadFromString(reader.ReadToEnd(), sourceName, options);
    }

    /// <summary>Loads a file and returns its configuration, or throws when it has errors (or warnings, in strict mode).</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">How to load.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="ConfigurationException">The configuration has errors; the exception carries every issue.</exception>
    public static MemoryTriggerConfig LoadOrThrow(string path, LoadOptions? options = null)
    {
        var report = Load(path, options);
        var blocking = report.Issues.Where(i => i.IsError || (options?.Strict == true && i.Severity == IssueSeverity.Warning)).ToArray();
        return blocking.Length == 0 && report.Config is not null ? report.Config : throw new ConfigurationException(blocking);
    }
}
