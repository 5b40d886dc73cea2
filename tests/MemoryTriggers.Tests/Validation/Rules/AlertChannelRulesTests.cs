using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Validation.Rules.RuleTestConfigs;

namespace MemoryTriggers.Tests.Validation.Rules;

public sealed class AlertChannelRulesTests
{
    private static readonly AlertChannelConfig s_hook = new() { Url = "https://hooks.example.com/alerts" };

    private static MemoryTriggerConfig With(string[] channels, params (string Name, AlertChannelConfig Channel)[] settings) => Development with
    {
        Monitoring = new MonitoringConfig
        {
            AlertingEnabled = true,
            AlertChannels = ValueList<string>.From(channels),
            AlertChannelSettings = ValueMap<AlertChannelConfig>.From(settings.Select(s => new KeyValuePair<string, AlertChannelConfig>(s.Name, s.Channel))),
        },
        Security = new SecurityConfig { WebhookAllowedHosts = ValueList<string>.From(["*.example.com"]) },
    };

    private static AlertChannelConfig WithHeader(string name, object? value) =>
        s_hook with { Headers = ValueMap<object?>.Empty.SetItem(name, value) };

    [Fact]
    public void Check_ListedChannelNotDefined_ReportsErrorWithClosestName()
    {
        var issue = Single(With(["ops-hook", "pager"], ("ops-hooks", s_hook), ("pager", s_hook)), IssueCodes.AlertChannelUndefined);

        AssertIssue(issue, IssueSeverity.Error, "monitoring.alert_channels[0]");
        Assert.Contains("did you mean 'ops-hooks'?", issue.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_LogAndDefinedChannels_ReportsNothing() =>
        None(With(["log", "ops"], ("ops", s_hook)), IssueCodes.AlertChannelUndefined);

    [Theory]
    [InlineData(null)]
    [InlineData("hooks.example.com/alerts")]
    [InlineData("ftp://hooks.example.com/alerts")]
    public void Check_WebhookChannelWithoutHttpUrl_ReportsError(string? url) =>
        AssertIssue(Single(With(["ops"], ("ops", s_hook with { Url = url })), IssueCodes.AlertChannelUrl), IssueSeverity.Error, "monitoring.alert_channel_settings.ops.url");

    [Fact]
    public void Check_LogChannelWithoutUrl_ReportsNothing() =>
        None(With(["audit"], ("audit", new AlertChannelConfig { Type = "log" })), IssueCodes.AlertChannelUrl);

    [Fact]
    public void Check_WebhookHostOutsideAllowList_ReportsError() =>
        AssertIssue(Single(With(["ops"], ("ops", s_hook with { Url = "https://example.org/alerts" })), IssueCodes.AlertChannelHost), IssueSeverity.Error, "monitoring.alert_channel_settings.ops.url");

    [Fact]
    public void Check_WildcardDoesNotCoverItsBareDomain_ReportsError() =>
        Single(With(["ops"], ("ops", s_hook with { Url = "https://example.com/alerts" })), IssueCodes.AlertChannelHost);

    [Fact]
    public void Check_WebhookHostOneLevelBelowWildcard_ReportsNothing() =>
        None(With(["ops"], ("ops", s_hook with { Url = "http://a.example.com:8080/alerts" })), IssueCodes.AlertChannelHost);

    [Fact]
    public void Check_LoopbackChannelWithEmptyAllowList_ReportsNothing() =>
        None(With(["ops"], ("ops", s_hook with { Url = "http://127.0.0.1:9000/alerts" })) with { Security = new SecurityConfig() }, IssueCodes.AlertChannelHost);

    [Fact]
    public void Check_HeaderNotAString_ReportsError() =>
        AssertIssue(Single(With(["ops"], ("ops", WithHeader("X-Priority", 5L))), IssueCodes.AlertChannelHeader), IssueSeverity.Error, "monitoring.alert_channel_settings.ops.headers.X-Priority");

    [Fact]
    public void Check_SecretHeaderWrittenIntoTheFile_ReportsWarning() =>
        AssertIssue(Single(With(["ops"], ("ops", WithHeader("Authorization", "Bearer abc123"))), IssueCodes.AlertChannelHeader), IssueSeverity.Warning, "monitoring.alert_channel_settings.ops.headers.Authorization");

    [Theory]
    [InlineData("Authorization", "Bearer ${env:OPS_TOKEN}")]
    [InlineData("X-Team", "memory")]
    public void Check_SecretFromEnvironmentOrPlainHeader_ReportsNothing(string name, string value) =>
        None(With(["ops"], ("ops", WithHeader(name, value))), IssueCodes.AlertChannelHeader);
}
