using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Tests.Configuration;

/// <summary>
/// Loads every file in <c>TestData/broken</c> with <see cref="ConfigurationLoader.Load"/> and checks that the
/// issue a user needs is reported with the right code, path, line and column. <see cref="Expectations"/> is the
/// one manifest of what each file must produce; a file without an entry fails <see cref="Folder_EveryFile_HasAnExpectation"/>.
/// </summary>
public sealed class BrokenConfigurationFilesTests
{
    private static readonly LoadOptions s_options = new() { EnvironmentVariables = new Dictionary<string, string?>() };

    private static readonly Expected[] s_expectations =
    [
        // YAML syntax: the position is where the text stops being YAML.
        new("syntax-bad-indentation.yaml", IssueSeverity.Error, IssueCodes.YamlSyntax, "", 5, 2),
        new("syntax-over-indentation.yaml", IssueSeverity.Error, IssueCodes.YamlSyntax, "", 5, 29),
        new("syntax-tab-indentation.yaml", IssueSeverity.Error, IssueCodes.YamlSyntax, "", 4, 1, "tabs"),
        new("syntax-key-value-value.yaml", IssueSeverity.Error, IssueCodes.YamlSyntax, "", 4, 19, "quote"),
        new("syntax-unclosed-quote.yaml", IssueSeverity.Error, IssueCodes.YamlSyntax, "", 3, 17),
        new("syntax-unclosed-bracket.yaml", IssueSeverity.Error, IssueCodes.YamlSyntax, "", 5, 19),
        new("syntax-unclosed-brace.yaml", IssueSeverity.Error, IssueCodes.YamlSyntax, "", 3, 11),
        new("syntax-undefined-alias.yaml", IssueSeverity.Error, IssueCodes.YamlSyntax, "", 4, 15),

        // Duplicates point at the second key; document shape at the document.
        new("duplicate-top-level-key.yaml", IssueSeverity.Error, IssueCodes.DuplicateKey, "environment", 4, 1),
        new("duplicate-nested-key.yaml", IssueSeverity.Error, IssueCodes.DuplicateKey, "performance.batch_size", 6, 3),
        new("duplicate-policy-name.yaml", IssueSeverity.Error, IssueCodes.DuplicateKey, "trigger_policies.nightly", 6, 3),
        new("empty-document.yaml", IssueSeverity.Error, IssueCodes.EmptyDocument, "", 1, 1),
        new("comment-only.yaml", IssueSeverity.Error, IssueCodes.EmptyDocument, "", 1, 1),
        new("root-is-list.yaml", IssueSeverity.Error, IssueCodes.NotAMapping, "", 2, 1),
        new("root-is-scalar.yaml", IssueSeverity.Error, IssueCodes.NotAMapping, "", 2, 1),
        new("multiple-documents.yaml", IssueSeverity.Error, IssueCodes.MultipleDocuments, "", 6, 1),

        // Wrong types point at the value.
        new("type-batch-size-word.yaml", IssueSeverity.Error, IssueCodes.Type, "performance.batch_size", 4, 15),
        new("type-batch-size-quoted.yaml", IssueSeverity.Error, IssueCodes.Type, "performance.batch_size", 4, 15, "remove the quotes"),
        new("type-batch-size-fraction.yaml", IssueSeverity.Error, IssueCodes.Type, "performance.batch_size", 4, 15, "whole number"),
        new("type-create-timeout-word.yaml", IssueSeverity.Error, IssueCodes.Type, "performance.create_timeout", 4, 19),
        new("type-cache-enabled-yes.yaml", IssueSeverity.Error, IssueCodes.Type, "performance.cache_enabled", 4, 18, "YAML 1.2"),
        new("type-alert-channels-scalar.yaml", IssueSeverity.Error, IssueCodes.Type, "monitoring.alert_channels", 5, 19),
        new("type-performance-scalar.yaml", IssueSeverity.Error, IssueCodes.Type, "performance", 3, 14),
        new("type-config-version-unquoted.yaml", IssueSeverity.Error, IssueCodes.Type, "config_version", 3, 17, "quote it"),
        new("type-feature-not-boolean.yaml", IssueSeverity.Error, IssueCodes.Type, "features.auto_recall", 4, 16),
        new("type-policy-not-mapping.yaml", IssueSeverity.Error, IssueCodes.Type, "trigger_policies.nightly", 4, 12),

        // Unknown names: enums at the value, keys at the key, with a did-you-mean.
        new("enum-backend-type-mem1.yaml", IssueSeverity.Error, IssueCodes.Enum, "backend.backend_type", 4, 17, "did you mean 'mem0'?"),
        new("enum-environment-capitalized.yaml", IssueSeverity.Error, IssueCodes.Enum, "environment", 2, 14, "did you mean 'production'?"),
        new("enum-trigger-type-plural.yaml", IssueSeverity.Error, IssueCodes.Enum, "trigger_policies.nightly.trigger_type", 5, 19, "did you mean 'workflow'?"),
        new("log-level-lowercase.yaml", IssueSeverity.Error, IssueCodes.Enum, "monitoring.log_level", 4, 14, "did you mean 'DEBUG'?"),
        new("unknown-key-top-level.yaml", IssueSeverity.Warning, IssueCodes.UnknownKey, "debug_mod", 3, 1, "did you mean 'debug_mode'?"),
        new("unknown-key-section.yaml", IssueSeverity.Warning, IssueCodes.UnknownKey, "performace", 3, 1, "did you mean 'performance'?"),
        new("unknown-key-nested.yaml", IssueSeverity.Warning, IssueCodes.UnknownKey, "performance.recal_timeout", 5, 3, "did you mean 'recall_timeout'?"),
        new("unknown-key-policy.yaml", IssueSeverity.Warning, IssueCodes.UnknownKey, "trigger_policies.nightly.succes_threshold", 6, 5, "did you mean 'success_threshold'?"),
        new("unknown-feature.yaml", IssueSeverity.Warning, IssueCodes.UnknownFeature, "features.auto_recal", 4, 3, "did you mean 'auto_recall'?"),

        // Ranges and forms point at the value.
        new("range-batch-size-zero.yaml", IssueSeverity.Error, IssueCodes.Range, "performance.batch_size", 4, 15),
        new("range-threshold-above-one.yaml", IssueSeverity.Error, IssueCodes.Range, "trigger_policies.nightly.success_threshold", 5, 24),
        new("range-negative-retention.yaml", IssueSeverity.Error, IssueCodes.Range, "lifecycle.default_retention_days", 4, 27),
        new("range-global-rate-too-high.yaml", IssueSeverity.Error, IssueCodes.Range, "max_memory_operations_per_second", 3, 35),
        new("pattern-config-version.yaml", IssueSeverity.Error, IssueCodes.Pattern, "config_version", 3, 17),

        // Cross-field rules point at the value the rule names; a key that is not written at all, at the section that lacks it.
        new("cross-trigger-thresholds.yaml", IssueSeverity.Error, IssueCodes.TriggerThresholds, "trigger_policies.nightly.success_threshold", 6, 24),
        new("cross-context-length.yaml", IssueSeverity.Error, IssueCodes.TriggerContextLength, "trigger_policies.nightly.max_context_length", 6, 25),
        new("cross-health-check-timeout.yaml", IssueSeverity.Error, IssueCodes.HealthCheckTimeout, "monitoring.health_check_timeout", 5, 25),
        new("cross-encryption-null-key.yaml", IssueSeverity.Error, IssueCodes.EncryptionKeyMissing, "backend.encryption_key_path", 7, 24),
        new("cross-encryption-without-key.yaml", IssueSeverity.Error, IssueCodes.EncryptionKeyMissing, "backend.encryption_key_path", 3, 1),
        new("cross-failover-empty.yaml", IssueSeverity.Error, IssueCodes.FailoverEmpty, "backend.failover_backends", 7, 22),
        new("cross-failover-unknown.yaml", IssueSeverity.Error, IssueCodes.FailoverUnknown, "backend.failover_backends[0]", 7, 23),
        new("cross-backend-not-implemented.yaml", IssueSeverity.Error, IssueCodes.BackendNotImplemented, "backend.backend_type", 4, 17),
        new("cross-mem0-api-key-in-file.yaml", IssueSeverity.Error, IssueCodes.Mem0ApiKeyEnv, "backend.backend_settings.api_key_env", 6, 18),
        new("cross-mem0-api-key-in-file.yaml", IssueSeverity.Warning, IssueCodes.SecretInSettings, "backend.backend_settings.api_key", 7, 14),
        new("cross-archival-without-backend.yaml", IssueSeverity.Error, IssueCodes.ArchiveBackendMissing, "lifecycle.archive_backend", 6, 19),
        new("cross-migration-schedule.yaml", IssueSeverity.Error, IssueCodes.MigrationSchedule, "lifecycle.migration_schedule", 5, 23),
        new("cross-concurrency-exceeds-rate.yaml", IssueSeverity.Error, IssueCodes.ConcurrencyExceedsGlobalRate, "performance.max_concurrent_operations", 5, 30),
        new("production-debug-mode.yaml", IssueSeverity.Error, IssueCodes.ProductionDebugMode, "debug_mode", 3, 13),
    ];

    public static TheoryData<string> Files => new(s_expectations.Select(e => e.File).Distinct());

    private static string OutputFolder => Path.Combine(AppContext.BaseDirectory, "TestData", "broken");

    private static string SourceFolder => Path.Combine(RepositoryRoot.Path, "tests", "MemoryTriggers.Tests", "TestData", "broken");

    [Theory]
    [MemberData(nameof(Files))]
    public void Load_BrokenFile_ReportsExpectedIssueAtItsLocation(string file)
    {
        // Arrange
        var path = Path.Combine(OutputFolder, file);
        var expected = s_expectations.Where(e => e.File == file).ToArray();

        // Act
        var report = ConfigurationLoader.Load(path, s_options);

        // Assert
        var all = string.Join("\n", report.Issues);
        foreach (var e in expected)
        {
            var issue = report.Issues.FirstOrDefault(i => i.Code == e.Code && i.Path == e.Path);
            Assert.True(issue is not null, $"no {e.Code} at '{e.Path}' in {file}; found:\n{all}");
            Assert.True(
                (e.Severity, e.Line, e.Column) == (issue.Severity, issue.Line ?? 0, issue.Column ?? 0),
                $"{e.Code} at '{e.Path}': expected {e.Severity} at {e.Line}:{e.Column}, found {issue.Severity} at {issue.Line}:{issue.Column}\n{all}");
            Assert.Equal(path, issue.File);
            if (e.SuggestionContains is not null)
            {
                Assert.Contains(e.SuggestionContains, issue.Suggestion ?? string.Empty, StringComparison.Ordinal);
            }
        }

        Assert.Equal(expected.All(e => e.Severity != IssueSeverity.Error), report.Valid);
    }

    [Fact]
    public void Folder_EveryFile_HasAnExpectation()
    {
        var files = Directory.GetFiles(SourceFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var expected = s_expectations.Select(e => e.File).Distinct().Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(expected, files);
    }

    [Fact]
    public void Folder_HoldsAtLeastThirtyFiles() =>
        Assert.True(Directory.GetFiles(SourceFolder, "*.yaml").Length >= 30);

    public static TheoryData<string> SyntaxErrorFiles => new(s_expectations.Where(e => e.Code == IssueCodes.YamlSyntax).Select(e => e.File));

    [Theory]
    [MemberData(nameof(SyntaxErrorFiles))]
    public void Load_SyntaxErrorFile_ReportsOnlyTheSyntaxError(string file)
    {
        var report = ConfigurationLoader.Load(Path.Combine(OutputFolder, file), s_options);

        // Text that is not YAML is not also "empty" or anything else; the syntax error says it all.
        Assert.Equal(IssueCodes.YamlSyntax, Assert.Single(report.Issues).Code);
        Assert.Null(report.Config);
    }

    private sealed record Expected(string File, IssueSeverity Severity, string Code, string Path, int Line, int Column, string? SuggestionContains = null);
}
