using MemoryTriggers.Actions.Executors;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Actions;

/// <summary>
/// Wires the real action executors from a configuration, the same way for the CLI and for a DI
/// container: memory actions on the store, trigger_alert to the configured alert channels,
/// execute_webhook over HTTP limited to <c>security.webhook_allowed_hosts</c>, and log_event to a logger.
/// </summary>
public static class PolicyActionExecutors
{
    /// <summary>The name of the <see cref="HttpClient"/> webhooks and webhook alert channels ask the factory for.</summary>
    public const string HttpClientName = "MemoryTriggers.Webhooks";

    /// <summary>The logger category of log_event entries.</summary>
    public const string EventLogCategory = "MemoryTriggers.Policies.Events";

    /// <summary>The logger category of alerts (the <c>log</c> channel) and of failed channels.</summary>
    public const string AlertLogCategory = "MemoryTriggers.Policies.Alerts";

    /// <summary>Creates the executors for <see cref="Policies.PolicyEngineOptions.Executors"/>.</summary>
    /// <param name="config">The configuration: its security and monitoring sections.</param>
    /// <param name="store">The memory store the memory actions work on; the caller owns and disposes it.</param>
    /// <param name="httpClientFactory">
    /// Makes the client named <see cref="HttpClientName"/>. Its handler must not follow redirects
    /// itself (register it with <see cref="AddHttpClient"/>), so that the sender can refuse redirects
    /// to other hosts.
    /// </param>
    /// <param name="loggerFactory">Makes the loggers of log_event and of the log alert channel.</param>
    /// <param name="timeProvider">The clock that stamps alerts.</param>
    /// <param name="environment">Looks up the <c>${env:NAME}</c> variables of alert channel headers; the process environment if null.</param>
    /// <returns>One executor per group of action types.</returns>
    /// <exception cref="ArgumentException">An entry of <c>security.webhook_allowed_hosts</c> is malformed (validation reports it as CFG-WEBHOOK-HOST-INVALID).</exception>
    public static IReadOnlyList<IPolicyActionExecutor> Create(
        MemoryTriggerConfig config,
        IMemoryStore store,
        IHttpClientFactory httpClientFactory,
        ILoggerFactory loggerFactory,
        TimeProvider timeProvider,
        Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var client = Client(httpClientFactory);
        var webhooks = new HttpWebhookSender(client, new HttpWebhookSenderOptions { AllowedHosts = config.Security.WebhookAllowedHosts.ToArray(), TimeProvider = timeProvider });
        return
        [
            new MemoryActionExecutor(store),
            new AlertActionExecutor(CreateAlertSink(config, httpClientFactory, loggerFactory, timeProvider, environment), timeProvider),
            new WebhookActionExecutor(webhooks),
            new LogEventExecutor(loggerFactory.CreateLogger(EventLogCategory)),
        ];
    }

    /// <summary>
    /// Creates the alert sink of the configuration: the log channel always, and the webhook channels
    /// of <c>monitoring.alert_channel_settings</c> (honouring <c>alerting_enabled</c>), as
    /// <c>trigger_alert</c> uses it; <c>memory-config monitor --alerts</c> sends through it too.
    /// </summary>
    /// <param name="config">The configuration.</param>
    /// <param name="httpClientFactory">Makes the client named <see cref="HttpClientName"/>.</param>
    /// <param name="loggerFactory">Makes the log channel's logger.</param>
    /// <param name="timeProvider">The clock of the HTTP timeouts.</param>
    /// <param name="environment">Looks up the <c>${env:NAME}</c> variables of channel headers; the process environment if null.</param>
    /// <returns>The sink.</returns>
    public static IAlertSink CreateAlertSink(
        MemoryTriggerConfig config,
        IHttpClientFactory httpClientFactory,
        ILoggerFactory loggerFactory,
        TimeProvider timeProvider,
        Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var alerts = new HttpWebhookSender(
            Client(httpClientFactory),
            new HttpWebhookSenderOptions { AllowedHosts = config.Security.WebhookAllowedHosts.ToArray(), TimeProvider = timeProvider, ActionName = "trigger_alert" });
        return new ChannelAlertSink(config, alerts, loggerFactory.CreateLogger(AlertLogCategory), environment);
    }

    private static HttpClient Client(IHttpClientFactory httpClientFactory)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);

        // Each send is bounded by its own timeout (the action's or the channel's), which may exceed HttpClient's 100 s.
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }

    /// <summary>Registers the client named <see cref="HttpClientName"/> on a handler that does not follow redirects.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The client's builder, for more configuration.</returns>
    public static IHttpClientBuilder AddHttpClient(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddHttpClient(HttpClientName).ConfigurePrimaryHttpMessageHandler(HttpWebhookSender.CreateHandler);
    }

    /// <summary>
    /// Creates an <see cref="IHttpClientFactory"/> for code without a DI container, with the client
    /// named <see cref="HttpClientName"/> registered as <see cref="AddHttpClient"/> does.
    /// </summary>
    /// <returns>The factory.</returns>
    public static IHttpClientFactory CreateDefaultHttpClientFactory()
    {
        var services = new ServiceCollection();
        AddHttpClient(services);
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
    }
}
