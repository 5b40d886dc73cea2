using MemoryTriggers.Policies;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Configuration.Reload;

/// <summary>Turns read files into a snapshot through the one validation pipeline and the policy pipeline, or into the reasons it cannot.</summary>
internal static class SnapshotLoader
{
    /// <summary>Validates the files; returns the snapshot when nothing is an error, otherwise null. Every issue found goes to <paramref name="issues"/>.</summary>
    public static MemoryTriggerSnapshot? Load(SourceFiles files, string? policyDirectory, LoadOptions options, long version, DateTimeOffset now, List<ValidationIssue> issues)
    {
        options = options with { EnvironmentVariables = files.Variables };
        var text = SourceFiles.Decode(files.Config);
        var (report, strict) = ConfigurationLoader.LoadAsRuntime(text, files.ConfigPath, options);

        issues.AddRange(report.Issues);
        var policies = PolicySet.Empty;
        if (policyDirectory is not null)
        {
            var builder = new PolicySetBuilder();
            foreach (var (path, bytes) in files.Policies)
            {
                builder.AddText(SourceFiles.Decode(bytes), path);
            }

            var loaded = builder.Build();
            policies = loaded.Policies;
            issues.AddRange(new PolicyValidator().ValidateAll(loaded).Select(i => ConfigurationLoader.StrictPolicyIssue(i, strict)));
        }

        if (!report.Valid || report.Config is null || issues.Any(i => i.IsError))
        {
            return null;
        }

        return new MemoryTriggerSnapshot
        {
            Config = report.Config,
            Policies = policies,
            ContentHash = files.ContentHash,
            ConfigHash = files.ConfigHash,
            Version = version,
            LoadedAt = now,
            ConfigPath = files.ConfigPath,
            PolicyDirectory = policyDirectory,
            PolicyFiles = files.Policies.Select(p => p.Path).ToArray(),
            Issues = issues.ToArray(),
            PerformanceScore = report.PerformanceScore,
        };
    }
}
