using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Policies;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Deployment;

/// <summary>
/// Validates deployment content through the one pipeline: the configuration with the environment
/// overrides (as the runtime loads it), the policy files (loader, validator, compiler), and that
/// the configuration is for the target environment.
/// </summary>
internal sealed class DeploymentCheck
{
    private DeploymentCheck(IReadOnlyList<ValidationIssue> issues, string? effectiveConfig)
    {
        Issues = issues;
        EffectiveConfig = effectiveConfig;
    }

    public IReadOnlyList<ValidationIssue> Issues { get; }

    /// <summary>Gets the effective configuration as redacted YAML, or null when it has errors.</summary>
    public string? EffectiveConfig { get; }

    public static DeploymentCheck Run(DeploymentContent content, DeploymentRequest request, IReadOnlyDictionary<string, string?>? variables)
    {
        var options = new LoadOptions { EnvironmentVariables = variables, Strict = request.Strict };
        var (report, strict) = ConfigurationLoader.LoadAsRuntime(content.ConfigText, request.ConfigSource, options);
        var issues = new List<ValidationIssue>(report.Issues);
        if (report.Config is { } config && config.Environment != request.Environment)
        {
            var target = EnvironmentNames.Of(request.Environment);
            var actual = EnvironmentNames.Of(config.Environment);
            issues.Add(new ValidationIssue(IssueSeverity.Error, DeploymentIssueCodes.EnvironmentMismatch, "environment",
                $"the configuration is for '{actual}' but is being deployed to '{target}'")
            {
                Location = report.Document?.Find("environment")?.Location ?? new SourceLocation { File = request.ConfigSource },
                Suggestion = $"set 'environment: {target}' in the file (and check MEMORY_ENVIRONMENT), or deploy with --env {actual}",
            });
        }

        var builder = new PolicySetBuilder();
        foreach (var (name, text) in content.PolicyFiles)
        {
            builder.AddText(text, PolicySourceName(request, name));
        }

        var policyIssues = new PolicyValidator().ValidateAll(builder.Build()).Select(i => ConfigurationLoader.StrictPolicyIssue(i, strict));
        issues.AddRange(policyIssues);
        var effective = report.Valid && report.Config is not null ? Render(report.Config) : null;
        return new DeploymentCheck(issues, effective);
    }

    /// <summary>The effective configuration of a deployed text, as redacted YAML; its redacted text when it no longer loads.</summary>
    public static string Effective(string configText, string sourceName, IReadOnlyDictionary<string, string?>? variables)
    {
        var report = ConfigurationLoader.LoadFromString(configText, sourceName, new LoadOptions { EnvironmentVariables = variables });
        return report.Valid && report.Config is not null ? Render(report.Config) : SecretText.Redact(configText);
    }

    public static string PolicySourceName(DeploymentRequest request, string name) =>
        request.PolicySource is { } directory ? Path.Combine(directory, name) : DeploymentContent.PoliciesDirectoryName + "/" + name;

    private static string Render(MemoryTriggerConfig config) => ConfigWriter.ToYaml(config, new ConfigWriterOptions { Redact = true });
}
