namespace MemoryTriggers.Validation;

/// <summary>The stable codes of validation issues. docs/configuration.md lists them with examples.</summary>
public static class IssueCodes
{
    /// <summary>The text is not valid YAML.</summary>
    public const string YamlSyntax = "CFG-YAML-SYNTAX";

    /// <summary>A mapping has the same key twice.</summary>
    public const string DuplicateKey = "CFG-DUPLICATE-KEY";

    /// <summary>The document is empty.</summary>
    public const string EmptyDocument = "CFG-EMPTY-DOCUMENT";

    /// <summary>The document's root is not a mapping (a section that is not a mapping is a CFG-TYPE error).</summary>
    public const string NotAMapping = "CFG-NOT-A-MAPPING";

    /// <summary>The text holds more than one YAML document.</summary>
    public const string MultipleDocuments = "CFG-MULTIPLE-DOCUMENTS";

    /// <summary>The file could not be read.</summary>
    public const string LoadFailed = "CFG-LOAD";

    /// <summary>A value has the wrong type.</summary>
    public const string Type = "CFG-TYPE";

    /// <summary>A value is not one of the allowed names.</summary>
    public const string Enum = "CFG-ENUM";

    /// <summary>A key is not part of the configuration (an error in strict mode).</summary>
    public const string UnknownKey = "CFG-UNKNOWN-KEY";

    /// <summary>A feature toggle is not one of the known features (an error in strict mode).</summary>
    public const string UnknownFeature = "CFG-UNKNOWN-FEATURE";

    /// <summary>A number is outside its allowed range, or a string outside its allowed values.</summary>
    public const string Range = "CFG-RANGE";

    /// <summary>A string does not have the required form.</summary>
    public const string Pattern = "CFG-PATTERN";

    /// <summary>A required key is missing.</summary>
    public const string Required = "CFG-REQUIRED";

    /// <summary>Another JSON Schema rule failed.</summary>
    public const string Schema = "CFG-SCHEMA";

    /// <summary>The JSON Schema could not be loaded.</summary>
    public const string SchemaUnavailable = "CFG-SCHEMA-LOAD";

    /// <summary>An environment variable override has a value of the wrong type.</summary>
    public const string EnvironmentValue = "CFG-ENV-VALUE";

    /// <summary>A MEMORY__ variable names no configuration field.</summary>
    public const string EnvironmentUnknown = "CFG-ENV-UNKNOWN";

    /// <summary>performance.max_concurrent_operations exceeds max_memory_operations_per_second.</summary>
    public const string ConcurrencyExceedsGlobalRate = "CFG-CONCURRENCY-EXCEEDS-GLOBAL-RATE";

    /// <summary>performance.rate_limit_per_second exceeds max_memory_operations_per_second, so it can never be reached.</summary>
    public const string RateLimitExceedsGlobal = "CFG-RATE-LIMIT-EXCEEDS-GLOBAL";

    /// <summary>create_timeout is shorter than recall_timeout.</summary>
    public const string CreateTimeoutBelowRecall = "CFG-CREATE-TIMEOUT-BELOW-RECALL";

    /// <summary>Cached recalls live longer than an hour.</summary>
    public const string CacheTtlLong = "CFG-CACHE-TTL-LONG";

    /// <summary>min_memory_quality_score is below 0.3, so low-quality memories are stored.</summary>
    public const string QualityThresholdLow = "CFG-QUALITY-THRESHOLD-LOW";

    /// <summary>A full recall cache would not fit in max_memory_size_mb.</summary>
    public const string MemoryBudgetLow = "CFG-MEMORY-BUDGET-LOW";

    /// <summary>More than 20 background workers.</summary>
    public const string WorkerCountHigh = "CFG-WORKER-COUNT-HIGH";

    /// <summary>A background queue of more than 10,000 events.</summary>
    public const string QueueSizeHigh = "CFG-QUEUE-SIZE-HIGH";

    /// <summary>Background processing in the testing environment makes tests asynchronous.</summary>
    public const string TestingBackgroundProcessing = "CFG-TESTING-BACKGROUND";

    /// <summary>The mem0 backend needs backend_settings.api_key_env.</summary>
    public const string Mem0ApiKeyEnv = "CFG-MEM0-API-KEY-ENV";

    /// <summary>Encryption is on but encryption_key_path is not set.</summary>
    public const string EncryptionKeyMissing = "CFG-ENCRYPTION-KEY-MISSING";

    /// <summary>The encryption key path is relative to the working directory.</summary>
    public const string EncryptionKeyRelative = "CFG-ENCRYPTION-KEY-RELATIVE";

    /// <summary>A pool of more than 5 connections to a local SQLite file.</summary>
    public const string LocalPoolSize = "CFG-LOCAL-POOL-SIZE";

    /// <summary>Failover is on but no failover backend is listed.</summary>
    public const string FailoverEmpty = "CFG-FAILOVER-EMPTY";

    /// <summary>A failover backend is not a backend_type value.</summary>
    public const string FailoverUnknown = "CFG-FAILOVER-UNKNOWN";

    /// <summary>A failover backend is the primary backend itself.</summary>
    public const string FailoverSelf = "CFG-FAILOVER-SELF";

    /// <summary>The backend is not implemented (only mem0 and local are).</summary>
    public const string BackendNotImplemented = "CFG-BACKEND-NOT-IMPLEMENTED";

    /// <summary>backend_settings holds what looks like a secret instead of naming an environment variable.</summary>
    public const string SecretInSettings = "CFG-SECRET-IN-SETTINGS";

    /// <summary>Important memories are kept for less time than ordinary ones.</summary>
    public const string ImportantRetentionShort = "CFG-RETENTION-IMPORTANT-SHORT";

    /// <summary>Archival is on but archive_backend is not set.</summary>
    public const string ArchiveBackendMissing = "CFG-ARCHIVE-BACKEND-MISSING";

    /// <summary>Memories would be archived before their default retention ends.</summary>
    public const string ArchiveBeforeRetention = "CFG-ARCHIVE-BEFORE-RETENTION";

    /// <summary>Migration is on without a valid five-field cron schedule.</summary>
    public const string MigrationSchedule = "CFG-MIGRATION-SCHEDULE";

    /// <summary>Metrics are collected more often than every 10 seconds.</summary>
    public const string MetricsIntervalShort = "CFG-METRICS-INTERVAL-SHORT";

    /// <summary>A health check may take as long as the interval between checks.</summary>
    public const string HealthCheckTimeout = "CFG-HEALTH-TIMEOUT";

    /// <summary>Alerting is on but no alert channel is listed.</summary>
    public const string AlertChannelsEmpty = "CFG-ALERT-CHANNELS-EMPTY";

    /// <summary>Metrics are off in production.</summary>
    public const string ProductionMetricsOff = "CFG-PROD-METRICS-OFF";

    /// <summary>DEBUG logging in production.</summary>
    public const string ProductionDebugLogging = "CFG-PROD-DEBUG-LOGGING";

    /// <summary>debug_mode is on in production.</summary>
    public const string ProductionDebugMode = "CFG-PROD-DEBUG-MODE";

    /// <summary>Automatic reload is on in production.</summary>
    public const string ProductionAutoReload = "CFG-PROD-AUTO-RELOAD";

    /// <summary>Encryption at rest is off in production.</summary>
    public const string ProductionEncryptionOff = "CFG-PROD-ENCRYPTION-OFF";

    /// <summary>Quality assessment is off in production.</summary>
    public const string ProductionQualityOff = "CFG-PROD-QUALITY-OFF";

    /// <summary>Strict validation in development.</summary>
    public const string DevelopmentStrict = "CFG-DEV-STRICT";

    /// <summary>auto_recall is on while pattern_detection is off.</summary>
    public const string AutoRecallWithoutPatterns = "CFG-AUTO-RECALL-WITHOUT-PATTERNS";

    /// <summary>quality_assessment is on while the cache is off.</summary>
    public const string QualityWithoutCache = "CFG-QUALITY-WITHOUT-CACHE";

    /// <summary>A trigger policy's success_threshold is not above its failure_threshold.</summary>
    public const string TriggerThresholds = "CFG-TRIGGER-THRESHOLDS";

    /// <summary>A trigger policy's max_context_length is not above its min_context_length.</summary>
    public const string TriggerContextLength = "CFG-TRIGGER-CONTEXT-LENGTH";

    /// <summary>A trigger policy allows more than 1000 triggers per minute.</summary>
    public const string TriggerRateHigh = "CFG-TRIGGER-RATE-HIGH";

    /// <summary>An agent trigger policy names neither an agent nor trigger patterns.</summary>
    public const string TriggerAgentUnscoped = "CFG-TRIGGER-AGENT-UNSCOPED";

    /// <summary>A production trigger policy accepts confidence below 0.7.</summary>
    public const string TriggerProductionConfidence = "CFG-TRIGGER-PROD-CONFIDENCE";

    /// <summary>An enabled trigger policy has create_on_success, create_on_failure and create_on_error all off.</summary>
    public const string TriggerNeverCreates = "CFG-TRIGGER-NEVER-CREATES";

    /// <summary>security.webhook_allowed_hosts is empty in staging or production.</summary>
    public const string WebhookHostsRequired = "CFG-WEBHOOK-HOSTS-REQUIRED";

    /// <summary>An entry of security.webhook_allowed_hosts is neither a host name nor a wildcard such as *.example.com.</summary>
    public const string WebhookHostInvalid = "CFG-WEBHOOK-HOST-INVALID";

    /// <summary>A name in monitoring.alert_channels is neither log nor defined in monitoring.alert_channel_settings.</summary>
    public const string AlertChannelUndefined = "CFG-ALERT-CHANNEL-UNDEFINED";

    /// <summary>A webhook alert channel has no absolute http or https url.</summary>
    public const string AlertChannelUrl = "CFG-ALERT-CHANNEL-URL";

    /// <summary>A webhook alert channel's host is not allowed by security.webhook_allowed_hosts.</summary>
    public const string AlertChannelHost = "CFG-ALERT-CHANNEL-HOST";

    /// <summary>An alert channel header is not a string, or writes a secret-looking value into the file instead of ${env:NAME}.</summary>
    public const string AlertChannelHeader = "CFG-ALERT-CHANNEL-HEADER";
}
