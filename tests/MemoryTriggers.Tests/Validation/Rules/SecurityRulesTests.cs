using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Validation.Rules.RuleTestConfigs;
using Env = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Tests.Validation.Rules;

public sealed class SecurityRulesTests
{
    private static MemoryTriggerConfig WithHosts(MemoryTriggerConfig config, params string[] hosts) =>
        config with { Security = new SecurityConfig { WebhookAllowedHosts = ValueList<string>.From(hosts) } };

    [Theory]
    [InlineData(Env.Production)]
    [InlineData(Env.Staging)]
    public void Check_NoAllowedHostsInStagingOrProduction_ReportsError(Env environment) =>
        AssertIssue(Single(WithHosts(Production with { Environment = environment }), IssueCodes.WebhookHostsRequired), IssueSeverity.Error, "security.webhook_allowed_hosts");

    [Theory]
    [InlineData(Env.Development)]
    [InlineData(Env.Testing)]
    public void Check_NoAllowedHostsInDevelopmentOrTesting_ReportsNothing(Env environment) =>
        None(WithHosts(Development with { Environment = environment }), IssueCodes.WebhookHostsRequired);

    [Fact]
    public void Check_OneAllowedHostInProduction_ReportsNothing() =>
        None(WithHosts(Production, "hooks.example.com"), IssueCodes.WebhookHostsRequired);

    [Theory]
    [InlineData("https://hooks.example.com")]
    [InlineData("hooks.example.com:8443")]
    [InlineData("*")]
    [InlineData("hooks.*.com")]
    [InlineData(" ")]
    public void Check_MalformedAllowedHost_ReportsErrorAtItsIndex(string pattern) =>
        AssertIssue(Single(WithHosts(Development, "ok.example.com", pattern), IssueCodes.WebhookHostInvalid), IssueSeverity.Error, "security.webhook_allowed_hosts[1]");

    [Theory]
    [InlineData("hooks.example.com")]
    [InlineData("*.example.com")]
    [InlineData("10.0.0.5")]
    [InlineData("::1")]
    [InlineData("localhost")]
    public void Check_HostNameWildcardOrAddress_ReportsNothing(string pattern) =>
        None(WithHosts(Development, pattern), IssueCodes.WebhookHostInvalid);
}
