using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Validation.Rules.RuleTestConfigs;

namespace MemoryTriggers.Tests.Validation.Rules;

public sealed class BackendRulesTests
{
    private static MemoryTriggerConfig With(Func<BackendConfig, BackendConfig> change) =>
        Development with { Backend = change(Development.Backend) };

    private static ValueMap<object?> Settings(params (string Key, object? Value)[] entries) =>
        ValueMap<object?>.From(entries.Select(e => new KeyValuePair<string, object?>(e.Key, e.Value)));

    [Theory]
    [InlineData(MemoryBackend.Redis)]
    [InlineData(MemoryBackend.Postgresql)]
    [InlineData(MemoryBackend.Hybrid)]
    public void Check_PrimaryNotImplemented_ReportsError(MemoryBackend backend) =>
        AssertIssue(Single(With(b => b with { BackendType = backend }), IssueCodes.BackendNotImplemented), IssueSeverity.Error, "backend.backend_type");

    [Fact]
    public void Check_FailoverNotImplemented_ReportsErrorAtItem()
    {
        var config = With(b => b with { FailoverEnabled = true, FailoverBackends = new[] { "mem0", "redis" } });

        AssertIssue(Single(config, IssueCodes.BackendNotImplemented), IssueSeverity.Error, "backend.failover_backends[1]");
    }

    [Theory]
    [InlineData(MemoryBackend.Local)]
    [InlineData(MemoryBackend.Mem0)]
    public void Check_ImplementedBackend_ReportsNothing(MemoryBackend backend) =>
        None(With(b => b with { BackendType = backend, BackendSettings = Settings(("api_key_env", "MEM0_API_KEY")) }), IssueCodes.BackendNotImplemented);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(42L)]
    public void Check_Mem0WithoutApiKeyEnv_ReportsError(object? value)
    {
        var settings = value is null ? ValueMap<object?>.Empty : Settings(("api_key_env", value));

        var issue = Single(With(b => b with { BackendType = MemoryBackend.Mem0, BackendSettings = settings }), IssueCodes.Mem0ApiKeyEnv);

        AssertIssue(issue, IssueSeverity.Error, "backend.backend_settings.api_key_env");
    }

    [Fact]
    public void Check_Mem0WithApiKeyEnv_ReportsNothing() =>
        None(With(b => b with { BackendType = MemoryBackend.Mem0, BackendSettings = Settings(("api_key_env", "K")) }), IssueCodes.Mem0ApiKeyEnv);

    [Fact]
    public void Check_LocalWithoutApiKeyEnv_ReportsNothing() =>
        None(Development, IssueCodes.Mem0ApiKeyEnv);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Check_EncryptionWithoutKeyPath_ReportsError(string? keyPath) =>
        AssertIssue(Single(With(b => b with { EncryptionEnabled = true, EncryptionKeyPath = keyPath }), IssueCodes.EncryptionKeyMissing), IssueSeverity.Error, "backend.encryption_key_path");

    [Theory]
    [InlineData(true, "/etc/memory/key.pem")]
    [InlineData(false, null)]
    public void Check_EncryptionWithKeyPathOrOff_ReportsNothing(bool enabled, string? keyPath) =>
        None(With(b => b with { EncryptionEnabled = enabled, EncryptionKeyPath = keyPath }), IssueCodes.EncryptionKeyMissing);

    [Theory]
    [InlineData("./keys/memory.pem")]
    [InlineData("../keys/memory.pem")]
    [InlineData("keys/memory.pem")]
    public void Check_RelativeKeyPath_ReportsWarning(string keyPath) =>
        AssertIssue(Single(With(b => b with { EncryptionEnabled = true, EncryptionKeyPath = keyPath }), IssueCodes.EncryptionKeyRelative), IssueSeverity.Warning, "backend.encryption_key_path");

    [Theory]
    [InlineData(true, "/etc/memory/key.pem")]
    [InlineData(false, "./keys/memory.pem")]
    public void Check_AbsoluteKeyPathOrEncryptionOff_ReportsNothing(bool enabled, string keyPath) =>
        None(With(b => b with { EncryptionEnabled = enabled, EncryptionKeyPath = keyPath }), IssueCodes.EncryptionKeyRelative);

    [Fact]
    public void Check_LocalPoolAboveFive_ReportsWarning() =>
        AssertIssue(Single(With(b => b with { PoolSize = 6 }), IssueCodes.LocalPoolSize), IssueSeverity.Warning, "backend.pool_size");

    [Theory]
    [InlineData(MemoryBackend.Local, true, 5)]
    [InlineData(MemoryBackend.Local, false, 50)]
    [InlineData(MemoryBackend.Mem0, true, 50)]
    public void Check_SmallLocalPoolOrNoLocalPool_ReportsNothing(MemoryBackend backend, bool pooled, int size) =>
        None(With(b => b with { BackendType = backend, PoolEnabled = pooled, PoolSize = size, BackendSettings = Settings(("api_key_env", "K")) }), IssueCodes.LocalPoolSize);

    [Fact]
    public void Check_FailoverWithoutBackends_ReportsError() =>
        AssertIssue(Single(With(b => b with { FailoverEnabled = true }), IssueCodes.FailoverEmpty), IssueSeverity.Error, "backend.failover_backends");

    [Fact]
    public void Check_FailoverWithOneBackend_ReportsNothing() =>
        None(With(b => b with { FailoverEnabled = true, FailoverBackends = new[] { "mem0" } }), IssueCodes.FailoverEmpty);

    [Fact]
    public void Check_FailoverBackendUnknown_ReportsErrorAtItem() =>
        AssertIssue(Single(With(b => b with { FailoverEnabled = true, FailoverBackends = new[] { "mem0", "mem1" } }), IssueCodes.FailoverUnknown), IssueSeverity.Error, "backend.failover_backends[1]");

    [Fact]
    public void Check_FailoverBackendCapitalised_ReportsUnknown() =>
        AssertIssue(Single(With(b => b with { FailoverEnabled = true, FailoverBackends = new[] { "Mem0" } }), IssueCodes.FailoverUnknown), IssueSeverity.Error, "backend.failover_backends[0]");

    [Fact]
    public void Check_FailoverToPrimary_ReportsWarning() =>
        AssertIssue(Single(With(b => b with { FailoverEnabled = true, FailoverBackends = new[] { "local" } }), IssueCodes.FailoverSelf), IssueSeverity.Warning, "backend.failover_backends[0]");

    [Fact]
    public void Check_FailoverToOtherImplementedBackend_ReportsNothing()
    {
        var issues = Issues(With(b => b with { FailoverEnabled = true, FailoverBackends = new[] { "mem0" } }));

        Assert.DoesNotContain(issues, i => i.Code is IssueCodes.FailoverSelf or IssueCodes.FailoverUnknown or IssueCodes.BackendNotImplemented);
    }

    [Theory]
    [InlineData("api_key")]
    [InlineData("auth_token")]
    [InlineData("client_secret")]
    [InlineData("Password")]
    public void Check_SecretWrittenInSettings_ReportsWarning(string key) =>
        AssertIssue(Single(With(b => b with { BackendSettings = Settings((key, "s3cr3t")) }), IssueCodes.SecretInSettings), IssueSeverity.Warning, "backend.backend_settings." + key);

    [Theory]
    [InlineData("api_key_env", "MEM0_API_KEY")]
    [InlineData("password_env", "DB_PASSWORD")]
    [InlineData("host", "api.mem0.ai")]
    [InlineData("token_ttl", 30L)]
    public void Check_SecretNamedByVariableOrNotASecret_ReportsNothing(string key, object value) =>
        None(With(b => b with { BackendSettings = Settings((key, value)) }), IssueCodes.SecretInSettings);
}
