using MemoryTriggers.Deployment;

namespace MemoryTriggers.Tests.Deployment;

public sealed class SecretTextTests
{
    [Theory]
    [InlineData("api_key: abc\n", "api_key: ***\n")]
    [InlineData("  - password: \"p w\"\n", "  - password: ***\n")]
    [InlineData("headers:\n  Authorization: Bearer x\n", "headers:\n  Authorization: ***\n")]
    [InlineData("api_key_env: MEM0_KEY\n", "api_key_env: MEM0_KEY\n")]
    [InlineData("token:\n  nested: x\n", "token:\n  nested: x\n")]
    [InlineData("secret: # none\n", "secret: # none\n")]
    [InlineData("a: 1\r\ntoken: t\r\nb: 2", "a: 1\r\ntoken: ***\r\nb: 2")]
    public void Redact_SecretKeys_HideTheirValuesOnly(string yaml, string expected)
    {
        Assert.Equal(expected, SecretText.Redact(yaml));
    }

    [Fact]
    public void Redact_BlockScalarUnderASecretKey_LeavesTheBlockOut()
    {
        var yaml = "settings:\n  private_key: |\n    line one\n\n    line two\n  host: h\n";

        Assert.Equal("settings:\n  private_key: ***\n  host: h\n", SecretText.Redact(yaml));
    }

    [Theory]
    [InlineData("    url: https://hooks.slack.com/services/T0/B0/XyZ\n", "    url: https://hooks.slack.com/***\n")]
    [InlineData("    url: \"http://127.0.0.1:9000/hook?token=1\"\n", "    url: http://127.0.0.1:9000/***\n")]
    [InlineData("  api_base_url: http://localhost:8000\n", "  api_base_url: http://localhost:8000\n")]
    [InlineData("  description: see https://example.com/a/b\n", "  description: see https://example.com/a/b\n")]
    [InlineData("  url: not a url\n", "  url: not a url\n")]
    public void Redact_UrlWithPathOrQuery_ShowsSchemeHostAndPortOnly(string yaml, string expected)
    {
        Assert.Equal(expected, SecretText.Redact(yaml));
    }
}
