using System.Diagnostics.CodeAnalysis;
using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Binding;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Validation.Rules;

namespace MemoryTriggers.Validation;

/// <summary>
/// Checks a configuration's ranges and cross-field rules, however the configuration was built. Each
/// rule has its own code in <see cref="IssueCodes"/>.
/// </summary>
public sealed class RuntimeConfigurationValidator
{
    /// <summary>Validates a configuration and scores it.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="document">The document it was read from, to locate issues; optional.</param>
    /// <returns>The report; <see cref="ValidationReport.SchemaValid"/> is true because no schema stage ran.</returns>
    [SuppressMessage("Performance", "CA1822", Justification = "Validators are objects in the public API, as in the spec.")]
    public ValidationReport ValidateRuntime(MemoryTriggerConfig config, ConfigDocument? document = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var issues = Check(config, document);
        return new ValidationReport(issues, schemaValid: true, runtimeValid: !issues.Any(i => i.IsError), PerformanceScorer.Score(config), config);
    }

    internal static IReadOnlyList<ValidationIssue> Check(MemoryTriggerConfig config, ConfigDocument? document)
    {
        IEnumerable<ValidationIssue>[] rules =
        [
            FieldConstraintRules.Check(config),
            PerformanceRules.Check(config),
            BackendRules.Check(config),
            LifecycleRules.Check(config),
            MonitoringRules.Check(config),
            AlertChannelRules.Check(config),
            SecurityRules.Check(config),
            TriggerPolicyRules.Check(config),
            FeatureRules.Check(config),
            EnvironmentRules.Check(config),
        ];
        return rules.SelectMany(r => r)
            .Select(issue => document is null ? issue : Locate(issue, document))
            .ToArray();
    }

    /// <summary>Points at the value, or at its nearest written ancestor and says that a default is in force.</summary>
    private static ValidationIssue Locate(ValidationIssue issue, ConfigDocument document)
    {
        var located = issue with { Location = document.Locate(issue.Path) };
        var field = ConfigModel.FindByPath(issue.Path);
        return document.Find(issue.Path) is null && field is { IsScalar: true } && field.Key == issue.Path.Split('.')[^1]
            ? located with { Message = $"{issue.Message} ({field.Key} is not set in the file, so its default applies)" }
            : located;
    }
}
