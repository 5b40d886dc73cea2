using System.Globalization;

namespace MemoryTriggers.Benchmarks.Workload;

/// <summary>How a field's values are drawn and which conditions test it.</summary>
internal enum FieldKind
{
    /// <summary>A string from a fixed vocabulary.</summary>
    Category,

    /// <summary>A whole number in [Min, Max].</summary>
    Integer,

    /// <summary>A real number in [Min, Max], two decimals.</summary>
    Real,

    /// <summary>Free text: words from <see cref="FieldCatalog.Words"/>.</summary>
    Text,
}

/// <summary>One leaf field of the generated events, by dotted path.</summary>
internal sealed record FieldSpec(string Path, FieldKind Kind, string[] Vocabulary, double Min = 0, double Max = 0)
{
    public string[] Segments { get; } = Path.Split('.');

    public double Range => Max - Min;
}

/// <summary>The fixed shape of the generated events: event types, leaf fields and their value domains.</summary>
internal static class FieldCatalog
{
    public static readonly string[] EventTypes = ["agent_error", "workflow_completed", "user_feedback", "tool_call", "session_end"];

    public static readonly string[] Words =
    [
        "agent", "workflow", "timeout", "disk", "memory", "network", "retry", "user", "plan", "step",
        "failed", "success", "latency", "token", "budget", "context", "window", "tool", "search", "file",
        "read", "write", "cache", "miss", "hit", "queue", "backlog", "slow", "fast", "quota",
        "limit", "exceeded", "granted", "denied", "login", "logout", "session", "expired", "refresh", "model",
        "prompt", "answer", "feedback", "positive", "negative", "summary", "report", "alert", "warning", "error",
        "database", "connection", "lost", "restored", "deploy", "rollback", "config", "changed", "schema", "valid",
    ];

    public static readonly FieldSpec UserId = Category("user_id", Numbered("u", 200, 3));
    public static readonly FieldSpec AgentId = Category("agent_id", Numbered("agent-", 30, 2));
    public static readonly FieldSpec Severity = Category("severity", ["low", "medium", "high", "critical", "fatal"]);
    public static readonly FieldSpec Status = Category("status", ["ok", "failed", "timeout", "cancelled", "retrying", "partial"]);
    public static readonly FieldSpec Region = Category("region", ["us-east", "us-west", "eu-west", "eu-central", "ap-south", "ap-east", "sa-east", "af-south", "me-central", "ca-central", "au-east", "jp-east"]);
    public static readonly FieldSpec Tool = Category("tool", [
        "web_search", "file_read", "file_write", "shell_exec", "http_get", "http_post", "sql_query", "vector_search", "email_send", "calendar_read",
        "calendar_write", "code_run", "image_gen", "speech_to_text", "text_to_speech", "translate", "summarize", "classify", "extract", "plan_steps",
        "memory_recall", "memory_store", "git_commit", "git_diff", "ticket_create",
    ]);

    public static readonly FieldSpec Model = Category("model", ["small-1", "small-2", "medium-1", "medium-2", "large-1", "large-2", "vision-1", "code-1"]);
    public static readonly FieldSpec Plan = Category("plan", ["free", "pro", "team", "enterprise"]);
    public static readonly FieldSpec SessionId = Category("session_id", Numbered("s", 1000, 4));
    public static readonly FieldSpec LatencyMs = new("latency_ms", FieldKind.Integer, [], 0, 5000);
    public static readonly FieldSpec Score = new("score", FieldKind.Real, [], 0, 1);
    public static readonly FieldSpec Tokens = new("tokens", FieldKind.Integer, [], 0, 100_000);
    public static readonly FieldSpec Retries = new("retries", FieldKind.Integer, [], 0, 10);
    public static readonly FieldSpec Cost = new("cost", FieldKind.Real, [], 0, 5);
    public static readonly FieldSpec ErrorCode = Category("error.code", Numbered("E", 1000, 4, start: 1000));
    public static readonly FieldSpec MessageText = new("message.text", FieldKind.Text, Words);
    public static readonly FieldSpec MessageRole = Category("message.role", ["user", "assistant", "system", "tool"]);
    public static readonly FieldSpec MessageLang = Category("message.meta.lang", ["en", "de", "fr", "es", "ja", "pt", "it", "nl"]);
    public static readonly FieldSpec MessageChannel = Category("message.meta.source.channel", ["web", "mobile", "cli", "api", "slack", "email", "voice", "batch", "cron", "webhook"]);

    /// <summary>The leaf fields conditions may test (besides event_type).</summary>
    public static readonly FieldSpec[] ConditionFields =
    [
        UserId, AgentId, Severity, Status, Region, Tool, Model, Plan, SessionId,
        LatencyMs, Score, Tokens, Retries, Cost, ErrorCode,
        MessageText, MessageRole, MessageLang, MessageChannel,
    ];

    /// <summary>The optional top-level fields of an event (error is an object with code and retryable).</summary>
    public static readonly string[] OptionalTopLevel =
    [
        "user_id", "agent_id", "severity", "status", "region", "tool", "model", "plan", "session_id",
        "latency_ms", "score", "tokens", "retries", "cost", "error",
    ];

    public static FieldSpec? ByPath(string path) => ConditionFields.FirstOrDefault(f => f.Path == path);

    private static FieldSpec Category(string path, string[] vocabulary) => new(path, FieldKind.Category, vocabulary);

    private static string[] Numbered(string prefix, int count, int digits, int start = 0) =>
        [.. Enumerable.Range(start, count).Select(i => prefix + i.ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))];
}
