namespace MemoryTriggers.Compare.Generation;

/// <summary>
/// The shape of the generated events (see bench/README.md, "Side-by-side comparison: data"): six fields every event
/// has, nine optional top-level fields, and the value pools. Every string is ASCII and non-numeric.
/// </summary>
internal static class EventSchema
{
    /// <summary>The five event types, most common first.</summary>
    public static readonly WeightedPool Types = new(
        ["user_message", "tool_call", "agent_error", "memory_write", "task_update"], [30, 25, 20, 15, 10]);

    /// <summary>The optional top-level fields, in the order they are written.</summary>
    public static readonly IReadOnlyList<string> OptionalFields =
        ["session", "agent", "priority", "latency_ms", "tokens", "error_code", "tool", "stage", "context"];

    /// <summary>The top-level fields every event has.</summary>
    public static readonly IReadOnlyList<string> RequiredFields = ["type", "id", "user", "channel", "score", "message"];

    /// <summary>User ids: <c>user-</c> and three letters.</summary>
    public static readonly WeightedPool UserIds = new(Enumerable.Range(0, 400).Select(i => "user-" + Letters(i * 37 + 11, 3)).ToArray());

    /// <summary>Session ids (drawn uniformly).</summary>
    public static readonly IReadOnlyList<string> Sessions = Enumerable.Range(0, 300).Select(i => "sess-" + Letters(i * 53 + 7, 4)).ToArray();

    /// <summary>User tiers.</summary>
    public static readonly WeightedPool Tiers = new(["free", "pro", "team", "enterprise", "trial", "edu"]);

    /// <summary>User locales.</summary>
    public static readonly WeightedPool Locales = new(["en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "ja-JP", "pt-BR", "it-IT", "nl-NL", "sv-SE"]);

    /// <summary>Channels.</summary>
    public static readonly WeightedPool Channels = new(["web", "slack", "cli", "api", "email", "mobile", "discord", "teams", "sms", "voice"]);

    /// <summary>Message roles.</summary>
    public static readonly WeightedPool Roles = new(["user", "assistant", "tool", "system"], [40, 35, 15, 10]);

    /// <summary>Message languages.</summary>
    public static readonly WeightedPool Languages = new(["en", "de", "fr", "es", "ja", "pt", "it", "nl", "sv", "pl"]);

    /// <summary>Message source kinds.</summary>
    public static readonly WeightedPool SourceKinds = new(["human", "agent", "scheduler", "webhook", "replay", "import"]);

    /// <summary>Message source apps.</summary>
    public static readonly WeightedPool Apps = new(["desktop", "vscode", "browser-ext", "ios", "android", "terminal", "zapier", "n8n"]);

    /// <summary>Agent names (an agent id is a name, a dash and a digit 1-9).</summary>
    public static readonly WeightedPool AgentNames = new(["planner", "coder", "researcher", "reviewer", "scribe", "router", "critic", "executor"]);

    /// <summary>Every agent id.</summary>
    public static readonly IReadOnlyList<string> Agents =
        AgentNames.Values.SelectMany(n => Enumerable.Range(1, 9).Select(d => $"{n}-{d}")).ToArray();

    /// <summary>Priorities.</summary>
    public static readonly WeightedPool Priorities = new(["normal", "low", "high", "urgent", "critical"], [40, 25, 20, 10, 5]);

    /// <summary>Error codes.</summary>
    public static readonly WeightedPool ErrorCodes = new(
        ["E_TIMEOUT", "E_RATE_LIMIT", "E_NOT_FOUND", "E_AUTH", "E_INTERNAL", "E_BAD_INPUT", "E_CONFLICT", "E_UNAVAILABLE", "E_QUOTA", "E_CANCELLED"]);

    /// <summary>Tools.</summary>
    public static readonly WeightedPool Tools = new(
        ["search", "browser", "shell", "python", "sql", "calendar", "email", "calculator", "github", "jira", "slack", "files"]);

    /// <summary>Deployment stages.</summary>
    public static readonly WeightedPool Stages = new(["prod", "staging", "dev", "test", "canary"], [45, 25, 15, 10, 5]);

    /// <summary>Availability zones.</summary>
    public static readonly WeightedPool Zones = new(
        ["us-east-1a", "eu-west-1a", "us-east-1b", "us-west-2a", "eu-central-1a", "eu-west-1c", "ap-south-1a", "ap-northeast-1c"]);

    /// <summary>Clusters.</summary>
    public static readonly WeightedPool Clusters = new(["c-blue", "c-green", "c-red", "c-amber", "c-violet", "c-teal"]);

    /// <summary>The words of message texts, most common first (lower case; a few carry a digit, none is a number).</summary>
    public static readonly WeightedPool Words = new(
    [
        "the", "please", "error", "memory", "remember", "user", "task", "agent", "update", "failed",
        "request", "timeout", "search", "summary", "deploy", "review", "code", "report", "meeting", "schedule",
        "database", "login", "account", "invoice", "refund", "billing", "order", "shipping", "delay", "thanks",
        "help", "question", "api", "key", "token", "limit", "quota", "cache", "latency", "slow",
        "crash", "restart", "server", "cluster", "backup", "restore", "migration", "schema", "query", "index",
        "vector", "embedding", "model", "prompt", "tool", "plan", "step", "retry", "success", "pending",
        "blocked", "note", "preference", "dark", "mode", "language", "reminder", "tomorrow", "weekly", "customer",
        "ticket", "escalate", "priority", "feature", "feedback", "broken", "password", "reset", "release", "build",
        "test", "bug", "fix", "v2", "http2", "utf8", "oauth2", "ipv6", "s3", "k8s",
    ]);

    /// <summary>The fields rules may test.</summary>
    public static readonly IReadOnlyList<FieldSpec> Fields =
    [
        new("user.id", FieldKind.Categorical, false, UserIds.Values),
        new("user.tier", FieldKind.Categorical, false, Tiers.Values),
        new("user.locale", FieldKind.Categorical, false, Locales.Values),
        new("user.age_days", FieldKind.Number, false, []),
        new("channel", FieldKind.Categorical, false, Channels.Values),
        new("score", FieldKind.Number, false, []),
        new("message.text", FieldKind.Text, false, []),
        new("message.role", FieldKind.Categorical, false, Roles.Values),
        new("message.length", FieldKind.Number, false, []),
        new("message.meta.lang", FieldKind.Categorical, false, Languages.Values),
        new("message.meta.source.kind", FieldKind.Categorical, false, SourceKinds.Values),
        new("message.meta.source.app", FieldKind.Categorical, false, Apps.Values),
        new("agent", FieldKind.Categorical, true, Agents),
        new("priority", FieldKind.Categorical, true, Priorities.Values),
        new("latency_ms", FieldKind.Number, true, []),
        new("tokens", FieldKind.Number, true, []),
        new("error_code", FieldKind.Categorical, true, ErrorCodes.Values),
        new("tool", FieldKind.Categorical, true, Tools.Values),
        new("stage", FieldKind.Categorical, true, Stages.Values),
        new("context.env.region.zone", FieldKind.Categorical, true, Zones.Values),
        new("context.env.cluster", FieldKind.Categorical, true, Clusters.Values),
    ];

    /// <summary>Spells <paramref name="number"/> as <paramref name="length"/> lower-case letters (base 26).</summary>
    public static string Letters(int number, int length)
    {
        var chars = new char[length];
        for (var i = length - 1; i >= 0; i--)
        {
            chars[i] = (char)('a' + (number % 26));
            number /= 26;
        }

        return new string(chars);
    }
}
