using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;
using Env = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Tests.Validation.Rules;

/// <summary>Configurations that pass every rule, for rule tests to change one field of, and a way to run the rules.</summary>
internal static class RuleTestConfigs
{
    /// <summary>Gets a development configuration that yields no issue at all: the local backend with a small pool, non-strict.</summary>
    public static MemoryTriggerConfig Development { get; } = new()
    {
        ValidationStrict = false,
        Backend = new BackendConfig { BackendType = MemoryBackend.Local, PoolSize = 5 },
    };

    /// <summary>Gets a production configuration that yields no issue at all: mem0 with its key variable, encrypted, no auto reload.</summary>
    public static MemoryTriggerConfig Production { get; } = new()
    {
        Environment = Env.Production,
        AutoReload = false,
        Backend = new BackendConfig
        {
            BackendType = MemoryBackend.Mem0,
            BackendSettings = ValueMap<object?>.Empty.SetItem("api_key_env", "MEM0_API_KEY"),
            EncryptionEnabled = true,
            EncryptionKeyPath = "/etc/memory/key.pem",
        },
        Security = new SecurityConfig { WebhookAllowedHosts = ValueList<string>.From(["hooks.example.com"]) },
    };

    /// <summary>Gets a trigger policy that passes every policy rule in every environment.</summary>
    public static TriggerPolicyConfig Policy { get; } = new() { MinTriggerConfidence = 0.7 };

    public static MemoryTriggerConfig WithPolicy(this MemoryTriggerConfig config, TriggerPolicyConfig policy, string name = "nightly") =>
        config with { TriggerPolicies = config.TriggerPolicies.SetItem(name, policy) };

    public static IReadOnlyList<ValidationIssue> Issues(MemoryTriggerConfig config) =>
        new RuntimeConfigurationValidator().ValidateRuntime(config).Issues;

    /// <summary>Returns the one issue with <paramref name="code"/>, failing when there is none or more than one.</summary>
    public static ValidationIssue Single(MemoryTriggerConfig config, string code)
    {
        var issues = Issues(config);
        var matching = issues.Where(i => i.Code == code).ToArray();
        Assert.True(matching.Length == 1, $"expected one {code}, found {matching.Length}:\n{string.Join("\n", issues)}");
        return matching[0];
    }

    public static void None(MemoryTriggerConfig config, string code)
    {
        var issues = Issues(config);
        Assert.False(issues.Any(i => i.Code == code), $"expected no {code}:\n{string.Join("\n", issues)}");
    }

    public static void AssertIssue(ValidationIssue issue, IssueSeverity severity, string path)
    {
        Assert.Equal(severity, issue.Severity);
        Assert.Equal(path, issue.Path);
    }
}
