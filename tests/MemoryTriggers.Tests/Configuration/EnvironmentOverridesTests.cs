using System.Text;
using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Binding;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Validation;
using Env = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Tests.Configuration;

public sealed class EnvironmentOverridesTests
{
    private const string Yaml = """
        environment: development
        validation_strict: false
        performance:
          batch_size: 40
          create_timeout: 6.0
        backend:
          backend_type: local
          pool_size: 5
        trigger_policies:
          nightly_flow:
            trigger_type: workflow
            success_threshold: 0.8
        """;

    private static ValidationReport Load(params (string Name, string? Value)[] variables) =>
        ConfigurationLoader.LoadFromString(Yaml, "base.yaml", Options(variables));

    private static LoadOptions Options(params (string Name, string? Value)[] variables) =>
        new() { EnvironmentVariables = variables.ToDictionary(v => v.Name, v => v.Value) };

    private static MemoryTriggerConfig Config(ValidationReport report)
    {
        Assert.True(report.Config is not null, string.Join("\n", report.Issues));
        return report.Config;
    }

    /// <summary>Reads a field of a configuration by its dotted YAML path, such as <c>performance.batch_size</c>.</summary>
    private static object? ValueAt(object config, string path)
    {
        object? current = config;
        foreach (var key in path.Split('.'))
        {
            current = current switch
            {
                ValueMap<TriggerPolicyConfig> policies => policies[key],
                ValueMap<bool> features => features[key],
                _ => ConfigModel.Find(current!.GetType(), key)!.GetValue(current),
            };
        }

        return current;
    }

    public static TheoryData<string, string, object> AliasValues => new()
    {
        { "MEMORY_ENVIRONMENT", "staging", Env.Staging },
        { "MEMORY_DEBUG_MODE", "true", true },
        { "MEMORY_TRIGGERS_ENABLED", "false", false },
        { "MEMORY_CREATE_TIMEOUT", "7.5", 7.5 },
        { "MEMORY_RECALL_TIMEOUT", "2.5", 2.5 },
        { "MEMORY_BATCH_SIZE", "25", 25 },
        { "MEMORY_MAX_CONCURRENT", "7", 7 },
        { "MEMORY_BACKEND_TYPE", "mem0", MemoryBackend.Mem0 },
        { "MEMORY_CONNECTION_TIMEOUT", "12.5", 12.5 },
    };

    [Theory]
    [MemberData(nameof(AliasValues))]
    public void Apply_DocumentedAlias_SetsItsField(string alias, string value, object expected)
    {
        var report = Load((alias, value));

        Assert.Equal(expected, ValueAt(Config(report), EnvironmentOverrides.Aliases[alias]));
        Assert.DoesNotContain(report.Issues, i => i.Code is IssueCodes.EnvironmentValue or IssueCodes.EnvironmentUnknown);
    }

    [Fact]
    public void Aliases_EveryAlias_IsCoveredByTheAliasTest() =>
        Assert.Equal(EnvironmentOverrides.Aliases.Keys.Order(StringComparer.Ordinal), AliasValues.Select(row => (string)row[0]).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("MEMORY_ENVIRONMENT", "environment")]
    [InlineData("MEMORY_DEBUG_MODE", "debug_mode")]
    [InlineData("MEMORY_TRIGGERS_ENABLED", "global_enabled")]
    [InlineData("MEMORY_CREATE_TIMEOUT", "performance.create_timeout")]
    [InlineData("MEMORY_RECALL_TIMEOUT", "performance.recall_timeout")]
    [InlineData("MEMORY_BATCH_SIZE", "performance.batch_size")]
    [InlineData("MEMORY_MAX_CONCURRENT", "performance.max_concurrent_operations")]
    [InlineData("MEMORY_BACKEND_TYPE", "backend.backend_type")]
    [InlineData("MEMORY_CONNECTION_TIMEOUT", "backend.connection_timeout")]
    public void Aliases_DocumentedAlias_NamesTheDocumentedField(string alias, string path) =>
        Assert.Equal(path, EnvironmentOverrides.Aliases[alias]);

    public static TheoryData<string, string, string, object> GenericValues => new()
    {
        { "MEMORY__ENVIRONMENT", "testing", "environment", Env.Testing },
        { "MEMORY__GLOBAL_ENABLED", "false", "global_enabled", false },
        { "MEMORY__CONFIG_VERSION", "2.1", "config_version", "2.1" },
        { "MEMORY__MAX_MEMORY_OPERATIONS_PER_SECOND", "200", "max_memory_operations_per_second", 200 },
        { "MEMORY__PERFORMANCE__BATCH_SIZE", "25", "performance.batch_size", 25 },
        { "MEMORY__PERFORMANCE__CREATE_TIMEOUT", "7", "performance.create_timeout", 7.0 },
        { "MEMORY__PERFORMANCE__CACHE_ENABLED", "off", "performance.cache_enabled", false },
        { "MEMORY__LIFECYCLE__DEFAULT_RETENTION_DAYS", "30", "lifecycle.default_retention_days", 30 },
        { "MEMORY__LIFECYCLE__ARCHIVE_BACKEND", "cold_store", "lifecycle.archive_backend", "cold_store" },
        { "MEMORY__MONITORING__LOG_LEVEL", "WARNING", "monitoring.log_level", "WARNING" },
        { "MEMORY__MONITORING__HEALTH_CHECK_TIMEOUT", "4", "monitoring.health_check_timeout", 4 },
        { "MEMORY__BACKEND__POOL_SIZE", "3", "backend.pool_size", 3 },
        { "MEMORY__BACKEND__BACKEND_TYPE", "MEM0", "backend.backend_type", MemoryBackend.Mem0 },
        { "MEMORY__TRIGGER_POLICIES__NIGHTLY_FLOW__ENABLED", "false", "trigger_policies.nightly_flow.enabled", false },
        { "MEMORY__TRIGGER_POLICIES__NIGHTLY_FLOW__SUCCESS_THRESHOLD", "0.95", "trigger_policies.nightly_flow.success_threshold", 0.95 },
        { "MEMORY__TRIGGER_POLICIES__NIGHTLY_FLOW__TRIGGER_TYPE", "error", "trigger_policies.nightly_flow.trigger_type", MemoryTriggerType.Error },
    };

    [Theory]
    [MemberData(nameof(GenericValues))]
    public void Apply_GenericName_SetsTheField(string variable, string value, string path, object expected)
    {
        var report = Load((variable, value));

        Assert.Equal(expected, ValueAt(Config(report), path));
        Assert.DoesNotContain(report.Issues, i => i.Code is IssueCodes.EnvironmentValue or IssueCodes.EnvironmentUnknown);
    }

    public static TheoryData<string, string, string> GenericNames
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var row in GenericValues)
            {
                data.Add((string)row[0], (string)row[1], (string)row[2]);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(GenericNames))]
    public void Apply_GenericName_MarksTheValueWithTheVariable(string variable, string value, string path)
    {
        var issues = new List<ValidationIssue>();
        var document = ConfigDocumentParser.Parse(Yaml, "base.yaml", issues);

        var applied = EnvironmentOverrides.Apply(document, new Dictionary<string, string?> { [variable] = value }, issues);

        Assert.Equal(SourceLocation.FromVariable(variable), applied.Find(path)?.Location);
        Assert.Empty(issues);
    }

    [Fact]
    public void Apply_GenericNameForSectionNotInFile_CreatesTheSection()
    {
        var config = Config(Load(("MEMORY__LIFECYCLE__DEFAULT_RETENTION_DAYS", "30"), ("MEMORY__MONITORING__METRICS_ENABLED", "no")));

        Assert.Equal(30, config.Lifecycle.DefaultRetentionDays);
        Assert.False(config.Monitoring.MetricsEnabled);
        Assert.Equal(new LifecyclePolicyConfig { DefaultRetentionDays = 30 }, config.Lifecycle);
    }

    [Fact]
    public void Apply_FeatureOff_KeepsTheOtherFeaturesOn()
    {
        var config = Config(Load(("MEMORY__FEATURES__AUTO_RECALL", "off")));

        Assert.False(config.IsFeatureEnabled(FeatureFlags.AutoRecall));
        Assert.All(FeatureFlags.All.Where(f => f != FeatureFlags.AutoRecall), f => Assert.True(config.IsFeatureEnabled(f), f));
    }

    [Fact]
    public void Apply_PolicyField_KeepsThePolicysOtherFileValues()
    {
        var policy = Config(Load(("MEMORY__TRIGGER_POLICIES__NIGHTLY_FLOW__ENABLED", "false"))).TriggerPolicies["nightly_flow"];

        Assert.Equal(new TriggerPolicyConfig { Enabled = false, TriggerType = MemoryTriggerType.Workflow, SuccessThreshold = 0.8 }, policy);
    }

    [Theory]
    [InlineData("slack", new[] { "slack" })]
    [InlineData("slack,email", new[] { "slack", "email" })]
    [InlineData(" slack , , email ", new[] { "slack", "email" })]
    public void Apply_ListField_SplitsOnCommas(string value, string[] expected) =>
        Assert.Equal(expected, Config(Load(("MEMORY__MONITORING__ALERT_CHANNELS", value))).Monitoring.AlertChannels);

    [Fact]
    public void Apply_FailoverBackendsList_SetsTheList() =>
        Assert.Equal(["mem0"], Config(Load(("MEMORY__BACKEND__FAILOVER_BACKENDS", "mem0"))).Backend.FailoverBackends);

    [Fact]
    public void Apply_BackendSettingsEntries_AreAddedWithResolvedValues()
    {
        var settings = Config(Load(("MEMORY__BACKEND__BACKEND_SETTINGS__API_KEY_ENV", "MEM0_API_KEY"), ("MEMORY__BACKEND__BACKEND_SETTINGS__TIMEOUT", "30"))).Backend.BackendSettings;

        Assert.Equal("MEM0_API_KEY", settings["api_key_env"]);
        Assert.Equal(30L, settings["timeout"]);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("True", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("YES", true)]
    [InlineData("on", true)]
    [InlineData("On", true)]
    [InlineData(" true ", true)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    [InlineData("No", false)]
    [InlineData("off", false)]
    [InlineData("oFF", false)]
    public void Apply_BooleanInAnyAcceptedSpelling_SetsTheBoolean(string value, bool expected)
    {
        var config = Config(Load(("MEMORY_DEBUG_MODE", value), ("MEMORY__PERFORMANCE__CACHE_ENABLED", value)));

        Assert.Equal(expected, config.DebugMode);
        Assert.Equal(expected, config.Performance.CacheEnabled);
    }

    [Theory]
    [InlineData("y")]
    [InlineData("2")]
    [InlineData("enabled")]
    [InlineData("t")]
    [InlineData("")]
    public void TryParseBoolean_OtherText_ReturnsFalse(string text) =>
        Assert.False(EnvironmentOverrides.TryParseBoolean(text, out _));

    public static TheoryData<string, string, string, string> BadValues => new()
    {
        { "MEMORY_BATCH_SIZE", "abc", "performance.batch_size", "a whole number" },
        { "MEMORY_BATCH_SIZE", "2.5", "performance.batch_size", "a whole number" },
        { "MEMORY_BATCH_SIZE", "99999999999", "performance.batch_size", "a whole number" },
        { "MEMORY_CREATE_TIMEOUT", "fast", "performance.create_timeout", "a number" },
        { "MEMORY_CREATE_TIMEOUT", "NaN", "performance.create_timeout", "a number" },
        { "MEMORY_CREATE_TIMEOUT", "Infinity", "performance.create_timeout", "a number" },
        { "MEMORY_DEBUG_MODE", "maybe", "debug_mode", "true or false" },
        { "MEMORY_BACKEND_TYPE", "mem1", "backend.backend_type", "one of mem0, local, redis, postgresql, hybrid" },
        { "MEMORY_ENVIRONMENT", "prod", "environment", "one of development, testing, staging, production" },
        { "MEMORY__FEATURES__AUTO_RECALL", "sometimes", "features.auto_recall", "true or false" },
        { "MEMORY__TRIGGER_POLICIES__NIGHTLY_FLOW__ENABLED", "perhaps", "trigger_policies.nightly_flow.enabled", "true or false" },
        { "MEMORY__TRIGGER_POLICIES__NIGHTLY_FLOW__SUCCESS_THRESHOLD", "high", "trigger_policies.nightly_flow.success_threshold", "a number" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Apply_BadValue_ReportsEnvValueAndKeepsTheFileValue(string variable, string value, string path, string expectedType)
    {
        // Arrange
        var withoutOverride = Config(Load());

        // Act
        var report = Load((variable, value));

        // Assert
        var issue = Assert.Single(report.Issues, i => i.Path == path && i.IsError);
        Assert.Equal(IssueCodes.EnvironmentValue, issue.Code);
        Assert.Equal(variable, issue.Location.Variable);
        Assert.Contains(variable, issue.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", issue.Message, StringComparison.Ordinal);
        Assert.Contains(expectedType, issue.Message, StringComparison.Ordinal);
        Assert.False(report.Valid);
        Assert.Equal(ValueAt(withoutOverride, path), ValueAt(Config(report), path));
    }

    [Fact]
    public void Apply_BadAliasAndGoodGeneric_UsesTheGenericAndReportsTheAlias()
    {
        var report = Load(("MEMORY_BATCH_SIZE", "lots"), ("MEMORY__PERFORMANCE__BATCH_SIZE", "30"));

        Assert.Equal(30, Config(report).Performance.BatchSize);
        Assert.Equal("MEMORY_BATCH_SIZE", Assert.Single(report.Issues, i => i.Code == IssueCodes.EnvironmentValue).Location.Variable);
    }

    [Theory]
    [InlineData("MEMORY__PERFORMANCE__BATCH_SIZ", "performance.batch_siz", "did you mean MEMORY__PERFORMANCE__BATCH_SIZE?")]
    [InlineData("MEMORY__PERFORMACE__BATCH_SIZE", "performace", "did you mean MEMORY__PERFORMANCE")]
    [InlineData("MEMORY__GLOBAL_ENABLE", "global_enable", "did you mean MEMORY__GLOBAL_ENABLED?")]
    [InlineData("MEMORY__BACKEND__BACKEND_TYP", "backend.backend_typ", "did you mean MEMORY__BACKEND__BACKEND_TYPE?")]
    [InlineData("MEMORY__TRIGGER_POLICIES__NIGHTLY_FLOW__ENABLE", "trigger_policies.nightly_flow.enable", "did you mean MEMORY__TRIGGER_POLICIES__NIGHTLY_FLOW__ENABLED?")]
    public void Apply_UnknownGenericName_WarnsWithDidYouMean(string variable, string path, string suggestion)
    {
        var report = Load((variable, "5"));

        var issue = Assert.Single(report.Issues, i => i.Code == IssueCodes.EnvironmentUnknown);
        Assert.Equal((IssueSeverity.Warning, path, variable), (issue.Severity, issue.Path, issue.Location.Variable));
        Assert.Contains(variable, issue.Message, StringComparison.Ordinal);
        Assert.Contains(suggestion, issue.Suggestion, StringComparison.Ordinal);
        Assert.Equal(Config(Load()), Config(report));
    }

    [Theory]
    [InlineData("MEMORY__PERFORMANCE", "MEMORY__PERFORMANCE__FIELD")]
    [InlineData("MEMORY__FEATURES", "MEMORY__FEATURES__FIELD")]
    [InlineData("MEMORY__TRIGGER_POLICIES__NIGHTLY_FLOW", "MEMORY__TRIGGER_POLICIES__NAME__FIELD")]
    [InlineData("MEMORY__PERFORMANCE__BATCH_SIZE__MAX", "MEMORY__PERFORMANCE__BATCH_SIZE")]
    public void Apply_NameOfASectionNotAField_WarnsUnknown(string variable, string suggestion)
    {
        var issue = Assert.Single(Load((variable, "false")).Issues, i => i.Code == IssueCodes.EnvironmentUnknown);

        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Contains(suggestion, issue.Suggestion, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MEMORY_BATCHSIZE")]
    [InlineData("MEMORY__")]
    [InlineData("MEM0_API_KEY")]
    [InlineData("PATH")]
    [InlineData("memory__performance__batch_size")]
    public void Apply_UnrelatedName_IsIgnored(string variable)
    {
        var report = Load((variable, "7"));

        Assert.Empty(report.Issues);
        Assert.Equal(40, Config(report).Performance.BatchSize);
    }

    [Theory]
    [InlineData("MEMORY_BATCH_SIZE", "")]
    [InlineData("MEMORY_BATCH_SIZE", null)]
    [InlineData("MEMORY__PERFORMANCE__BATCH_SIZE", "")]
    [InlineData("MEMORY__NO_SUCH_FIELD", "")]
    public void Apply_EmptyValue_IsIgnored(string variable, string? value)
    {
        var report = Load((variable, value));

        Assert.Empty(report.Issues);
        Assert.Equal(40, Config(report).Performance.BatchSize);
    }

    [Fact]
    public void Apply_GenericAndAliasForOneField_GenericWins()
    {
        var report = Load(("MEMORY__PERFORMANCE__BATCH_SIZE", "20"), ("MEMORY_BATCH_SIZE", "10"));

        Assert.Equal(20, Config(report).Performance.BatchSize);
        Assert.Empty(report.Issues);
    }

    [Fact]
    public void Apply_OverriddenValueOutOfRange_IsReportedAtTheVariable()
    {
        var issue = Assert.Single(Load(("MEMORY_BATCH_SIZE", "0")).Issues);

        Assert.Equal(IssueCodes.Range, issue.Code);
        Assert.StartsWith("env MEMORY_BATCH_SIZE error CFG-RANGE performance.batch_size: ", issue.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SectionWrittenAsScalarInFile_LeavesItForTheBinderToReport()
    {
        var report = ConfigurationLoader.LoadFromString("performance: 5\n", "x.yaml", Options(("MEMORY__PERFORMANCE__BATCH_SIZE", "10")));

        var issue = Assert.Single(report.Errors, i => i.Path == "performance");
        Assert.Equal(IssueCodes.Type, issue.Code);
    }

    [Theory]
    [InlineData("- a\n- b\n")]
    [InlineData("")]
    public void Apply_RootNotAMapping_ReturnsTheSameDocument(string text)
    {
        var issues = new List<ValidationIssue>();
        var document = ConfigDocumentParser.Parse(text, null, issues);

        var applied = EnvironmentOverrides.Apply(document, new Dictionary<string, string?> { ["MEMORY_BATCH_SIZE"] = "5" }, issues);

        Assert.Same(document, applied);
        Assert.Empty(issues);
    }

    [Fact]
    public void Apply_InputDocumentAndVariables_AreNotChanged()
    {
        // Arrange
        var issues = new List<ValidationIssue>();
        var document = ConfigDocumentParser.Parse(Yaml, "base.yaml", issues);
        var before = document.Find("performance.batch_size")!;
        var variables = new Dictionary<string, string?> { ["MEMORY_BATCH_SIZE"] = "10", ["MEMORY__LIFECYCLE__DEFAULT_RETENTION_DAYS"] = "30" };

        // Act
        var applied = EnvironmentOverrides.Apply(document, variables, issues);

        // Assert
        Assert.Same(before, document.Find("performance.batch_size"));
        Assert.Equal(40L, ((ConfigScalar)before).Value);
        Assert.Null(document.Find("lifecycle"));
        Assert.Equal(10L, ((ConfigScalar)applied.Find("performance.batch_size")!).Value);
        Assert.Equal(2, variables.Count);
        Assert.Empty(issues);
    }

    public enum LoadPath
    {
        Text,
        File,
        Stream,
    }

    [Theory]
    [InlineData(LoadPath.Text)]
    [InlineData(LoadPath.File)]
    [InlineData(LoadPath.Stream)]
    public void Load_AnyLoadPath_AppliesOverrides(LoadPath loadPath)
    {
        // Arrange
        var options = Options(("MEMORY_BATCH_SIZE", "11"), ("MEMORY__LIFECYCLE__DEFAULT_RETENTION_DAYS", "30"));
        var file = Path.Combine(Path.GetTempPath(), $"memorytriggers-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, Yaml);
        try
        {
            // Act
            ValidationReport report;
            switch (loadPath)
            {
                case LoadPath.Text:
                    report = ConfigurationLoader.LoadFromString(Yaml, "base.yaml", options);
                    break;
                case LoadPath.File:
                    report = ConfigurationLoader.Load(file, options);
                    break;
                default:
                    using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(Yaml)))
                    {
                        report = ConfigurationLoader.LoadFromStream(stream, "base.yaml", options);
                    }

                    break;
            }

            // Assert
            Assert.Equal(11, Config(report).Performance.BatchSize);
            Assert.Equal(30, Config(report).Lifecycle.DefaultRetentionDays);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
