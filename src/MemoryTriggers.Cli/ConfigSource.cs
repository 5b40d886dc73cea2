using MemoryTriggers.Cli.Output;
using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Cli;

/// <summary>
/// The configuration a runtime command works with: the <c>--config</c> file, else the development
/// defaults (local SQLite store); either way with the <c>MEMORY_*</c> environment overrides, as the
/// runtime applies them.
/// </summary>
internal static class ConfigSource
{
    public const string DefaultsName = "development defaults";

    /// <summary>Loads and validates the configuration; on errors, prints them and returns null.</summary>
    public static MemoryTriggerConfig? Load(string? path, CliContext context)
    {
        var options = new LoadOptions { EnvironmentVariables = context.Variables };
        var report = path is null
            ? ConfigurationLoader.LoadFromString(EnvironmentPresets.GetYaml(Configuration.Environment.Development), DefaultsName, options)
            : ConfigurationLoader.Load(path, options);
        ReportWriter.WriteIssues(new Painter(context.Error, context.UseColor), report.Issues.Where(i => i.Severity == IssueSeverity.Error));
        if (report.Valid && report.Config is not null)
        {
            return report.Config;
        }

        context.Error.WriteLine($"{path ?? DefaultsName}: the configuration has errors; fix them first (memory-config validate {path ?? "FILE"})");
        return null;
    }
}
