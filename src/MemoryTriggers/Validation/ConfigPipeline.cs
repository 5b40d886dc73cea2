using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Binding;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Validation.Schema;

namespace MemoryTriggers.Validation;

/// <summary>
/// The one validation pipeline: parse, environment overrides, binding, JSON Schema, semantic rules,
/// performance score. The loader, the validators, the CLI and hot reload all come through here.
/// </summary>
internal static class ConfigPipeline
{
    public static ValidationReport Run(string text, string? sourceName, LoadOptions options)
    {
        var issues = new List<ValidationIssue>();
        var document = ConfigDocumentParser.Parse(text, sourceName, issues);
        return Run(document, options, issues);
    }

    public static ValidationReport Run(ConfigDocument parsed, LoadOptions options, List<ValidationIssue> issues)
    {
        var document = EnvironmentOverrides.Apply(parsed, options.EnvironmentVariables ?? EnvironmentOverrides.FromProcess(), issues);
        if (document.Root is null && issues.Any(i => i.Code == IssueCodes.YamlSyntax))
        {
            // The text could not be parsed; saying it is also empty would only confuse.
            return new ValidationReport(Order(issues), schemaValid: false, runtimeValid: false, score: null, config: null, document);
        }

        var config = ConfigBinder.Bind(document, options.Strict, issues);
        if (document.Root is not ConfigMapping)
        {
            return new ValidationReport(Order(issues), schemaValid: false, runtimeValid: false, score: null, config: null, document);
        }

        var seen = new HashSet<(string Code, string Path)>(issues.Select(i => (i.Code, i.Path)));
        AddNew(issues, seen, (options.Schema ?? new ConfigurationSchemaValidator()).Validate(document, options.Strict));
        var schemaValid = !issues.Any(i => i.IsError);

        var runtime = RuntimeConfigurationValidator.Check(config, document);
        AddNew(issues, seen, runtime);
        return new ValidationReport(Order(issues), schemaValid, runtimeValid: !runtime.Any(i => i.IsError), PerformanceScorer.Score(config), config, document);
    }

    private static void AddNew(List<ValidationIssue> issues, HashSet<(string, string)> seen, IEnumerable<ValidationIssue> found)
    {
        foreach (var issue in found)
        {
            if (seen.Add((issue.Code, issue.Path)))
            {
                issues.Add(issue);
            }
        }
    }

    /// <summary>Variables first, then by position in the file, then the rest; stable otherwise.</summary>
    private static IEnumerable<ValidationIssue> Order(List<ValidationIssue> issues) =>
        issues.OrderBy(i => i.Location.Variable is not null ? 0 : i.Location.HasPosition ? 1 : 2)
            .ThenBy(i => i.Location.Line)
            .ThenBy(i => i.Location.Column);
}
