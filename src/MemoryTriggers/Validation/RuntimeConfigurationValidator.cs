using System.Diagnostics.CodeAnalysis;
using MemoryTriggers.Configuration;
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
            TriggerPolicyRules.Check(config),
            FeatureRules.Check(config),
            EnvironmentRules.Check(config),
        ];
        return rules.SelectMany(r => r)
            .Select(issue => document is null ? issue : issue with { Location = document.Locate(issue.Path) })
            .ToArray();
    }
}
