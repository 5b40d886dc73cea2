using MemoryTriggers.Configuration;
using MemoryTriggers.Memory.Mem0;

namespace MemoryTriggers.Tests.Memory.Mem0;

public sealed class Mem0OptionsTests
{
    private static BackendConfig Config(params (string Key, object? Value)[] settings) =>
        new() { BackendSettings = ValueMap<object?>.From(settings.Select(s => new KeyValuePair<string, object?>(s.Key, s.Value))) };

    [Fact]
    public void FromBackendConfig_NoApiKeyEnv_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ConfigurationException>(() => Mem0Options.FromBackendConfig(Config(("host", "localhost:8888")), _ => "k"));
        Assert.Contains("api_key_env", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBackendConfig_VariableUnset_ThrowsNamingTheVariable()
    {
        var error = Assert.Throws<ConfigurationException>(() => Mem0Options.FromBackendConfig(Config(("api_key_env", "MEM0_KEY_X")), _ => null));
        Assert.Contains("MEM0_KEY_X", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBackendConfig_KeyInYaml_Throws()
    {
        Assert.Throws<ConfigurationException>(() => Mem0Options.FromBackendConfig(Config(("api_key_env", "K"), ("api_key", "secret")), _ => "k"));
    }

    [Fact]
    public void FromBackendConfig_OssHost_ReadsKeyFromEnvironmentAndTimeouts()
    {
        var config = Config(("api_key_env", "MEM0_KEY"), ("host", "localhost:8888"), ("auth", "bearer"), ("user_id", "agent-user")) with
        {
            ReadTimeout = 2,
            WriteTimeout = 3,
            ConnectionTimeout = 4,
            MaxRetries = 5,
            RetryDelay = 0.5,
        };

        var options = Mem0Options.FromBackendConfig(config, name => name == "MEM0_KEY" ? "secret" : null);

        Assert.Equal(new Uri("http://localhost:8888/"), options.BaseAddress);
        Assert.Equal(Mem0Dialect.Oss, options.Dialect);
        Assert.Equal(Mem0AuthStyle.Bearer, options.AuthStyle);
        Assert.Equal("secret", options.ApiKey);
        Assert.Equal("agent-user", options.DefaultUserId);
        Assert.Equal(TimeSpan.FromSeconds(2), options.ReadTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), options.WriteTimeout);
        Assert.Equal(TimeSpan.FromSeconds(4), options.ConnectTimeout);
        Assert.Equal(5, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(0.5), options.RetryDelay);
    }

    [Fact]
    public void FromBackendConfig_PlatformDialectWithoutHost_UsesHostedAddress()
    {
        var options = Mem0Options.FromBackendConfig(Config(("api_key_env", "K"), ("dialect", "platform")), _ => "k");

        Assert.Equal(Mem0Dialect.Platform, options.Dialect);
        Assert.Equal(Mem0Options.PlatformAddress, options.BaseAddress);
    }

    [Fact]
    public void FromBackendConfig_UnknownDialect_Throws()
    {
        Assert.Throws<ConfigurationException>(() => Mem0Options.FromBackendConfig(Config(("api_key_env", "K"), ("dialect", "graphql")), _ => "k"));
    }
}
