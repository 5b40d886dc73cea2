namespace MemoryTriggers.Policies;

/// <summary>
/// The stable codes of the issues <see cref="PolicyValidator"/> reports. The loader's own codes (syntax,
/// types, unknown keys, duplicate rule names) are in <see cref="Validation.IssueCodes"/> and <see cref="PolicyIssueCodes"/>.
/// </summary>
public static class PolicyValidationCodes
{
    /// <summary>A rule has no conditions (an error).</summary>
    public const string NoConditions = "POL-NO-CONDITIONS";

    /// <summary>A rule has no actions (an error).</summary>
    public const string NoActions = "POL-NO-ACTIONS";

    /// <summary>A rule's priority is negative (an error).</summary>
    public const string Priority = "POL-PRIORITY";

    /// <summary>A rule's <c>max_executions</c> is set but not positive (an error).</summary>
    public const string MaxExecutions = "POL-MAX-EXECUTIONS";

    /// <summary>A rule's <c>cooldown_period</c> is negative (an error).</summary>
    public const string Cooldown = "POL-COOLDOWN";

    /// <summary>A rule's <c>cooldown_key</c> is not a valid template, or refers to action outputs, which do not exist when the cooldown is checked (an error).</summary>
    public const string CooldownKey = "POL-COOLDOWN-KEY";

    /// <summary>An action's priority is negative (an error).</summary>
    public const string ActionPriority = "POL-ACTION-PRIORITY";

    /// <summary>An action's <c>retry_count</c> or <c>retry_delay</c> is negative (an error).</summary>
    public const string Retry = "POL-RETRY";

    /// <summary>An action's <c>timeout</c> is set but not positive (an error).</summary>
    public const string Timeout = "POL-TIMEOUT";

    /// <summary>A rule has more than 10 actions (a warning).</summary>
    public const string TooManyActions = "POL-TOO-MANY-ACTIONS";

    /// <summary>A field-based condition (equals, contains, between, in_list, exists, ...) has no <c>field</c> (an error).</summary>
    public const string MissingField = "POL-MISSING-FIELD";

    /// <summary>
    /// A condition that compares with <c>value</c> has none: an error for contains, not_contains, greater_than and
    /// less_than; a warning for equals and not_equals written without <c>value</c>, which compare with null.
    /// </summary>
    public const string MissingValue = "POL-MISSING-VALUE";

    /// <summary>greater_than or less_than compares with a value that is not a number (an error).</summary>
    public const string NumericValue = "POL-NUMERIC-VALUE";

    /// <summary>greater_than or less_than compares with a number written as a string (a warning: it works, but write a number).</summary>
    public const string NumericString = "POL-NUMERIC-STRING";

    /// <summary>between lacks <c>min_value</c> or <c>max_value</c> (an error).</summary>
    public const string Between = "POL-BETWEEN";

    /// <summary>between has <c>min_value</c> greater than <c>max_value</c>, so it is never true (an error).</summary>
    public const string BetweenOrder = "POL-BETWEEN-ORDER";

    /// <summary>in_list or not_in_list has no <c>values</c> (an error).</summary>
    public const string EmptyList = "POL-EMPTY-LIST";

    /// <summary>matches_regex has no pattern, or its pattern does not compile (an error with the .NET message).</summary>
    public const string Regex = "POL-REGEX";

    /// <summary>
    /// A regular expression cannot run on the non-backtracking engine and has a nested quantifier such as
    /// <c>(a+)+</c>, so it may backtrack catastrophically; it runs with a 100 ms timeout (a warning).
    /// </summary>
    public const string RegexBacktracking = "POL-REGEX-BACKTRACKING";

    /// <summary>time_range lacks <c>start_time</c> or <c>end_time</c>, or one is not a time of day HH:MM from 00:00 to 23:59 (an error).</summary>
    public const string Time = "POL-TIME";

    /// <summary>time_range names a day that is not mon … sun, a full day name, weekdays or weekends (an error).</summary>
    public const string Days = "POL-DAYS";

    /// <summary>time_range names a time zone that this system does not know (an error).</summary>
    public const string Timezone = "POL-TIMEZONE";

    /// <summary>rate_limit lacks <c>rate_limit</c> ≥ 1 or <c>time_window</c> &gt; 0 (an error).</summary>
    public const string RateLimit = "POL-RATE-LIMIT";

    /// <summary>rate_limit allows more than 100 firings per second, which is hardly a limit (a warning).</summary>
    public const string RateLimitHigh = "POL-RATE-LIMIT-HIGH";

    /// <summary>probability lacks <c>probability</c>, or it is outside 0–1 (an error).</summary>
    public const string Probability = "POL-PROBABILITY";

    /// <summary>composite_and or composite_or has no sub-conditions (an error).</summary>
    public const string CompositeEmpty = "POL-COMPOSITE-EMPTY";

    /// <summary>Conditions nest deeper than 32 levels (an error); deeper levels are not checked.</summary>
    public const string Nesting = "POL-NESTING";

    /// <summary>
    /// An action lacks a parameter it needs (an error), or trigger_alert or log_event has no <c>message</c>
    /// (a warning: a default message is used).
    /// </summary>
    public const string RequiredParameter = "POL-REQUIRED-PARAMETER";

    /// <summary>
    /// An action has a parameter its type does not read (a warning; it is ignored), or update_memory's
    /// <c>updates</c> has a key the action rejects (an error).
    /// </summary>
    public const string UnknownParameter = "POL-UNKNOWN-PARAMETER";

    /// <summary>
    /// A parameter has the wrong kind of value, such as a list where a string is needed (an error), or a
    /// number written as a string (a warning).
    /// </summary>
    public const string ParameterType = "POL-PARAMETER-TYPE";

    /// <summary>A parameter's value is not one the action accepts, such as an unknown webhook method or log level, or a limit below 1 (an error).</summary>
    public const string ParameterValue = "POL-PARAMETER-VALUE";

    /// <summary>execute_webhook's <c>url</c> is not an absolute http:// or https:// URL (an error).</summary>
    public const string WebhookUrl = "POL-WEBHOOK-URL";

    /// <summary>create_memory's <c>content</c> is longer than 10,000 characters (a warning).</summary>
    public const string ContentLong = "POL-CONTENT-LONG";

    /// <summary>A quality score (<c>score</c>, <c>quality_score</c>, <c>min_quality</c>) is outside 0–1 (an error).</summary>
    public const string QualityScore = "POL-QUALITY-SCORE";

    /// <summary>A string parameter is not a valid <c>${...}</c> template (an error).</summary>
    public const string Template = "POL-TEMPLATE";

    /// <summary>A <c>${actions.TYPE.KEY}</c> placeholder names an action type that does not run earlier in the rule (an error).</summary>
    public const string ActionReference = "POL-ACTION-REFERENCE";

    /// <summary>chain_policy names a rule that does not exist (an error).</summary>
    public const string ChainTarget = "POL-CHAIN-TARGET";

    /// <summary>A rule chains to itself (an error).</summary>
    public const string ChainSelf = "POL-CHAIN-SELF";

    /// <summary>Rules chain to each other in a cycle, A → B → … → A (an error, reported once per cycle).</summary>
    public const string ChainCycle = "POL-CHAIN-CYCLE";

    /// <summary>
    /// A rule can never fire, or a composite condition or an action's condition can never be true, because of
    /// <c>never</c>, probability 0 or an empty time window (a warning).
    /// </summary>
    public const string NeverFires = "POL-NEVER-FIRES";

    /// <summary>Conditions that must all hold test the same field in ways that cannot all be true (a warning).</summary>
    public const string Contradiction = "POL-CONTRADICTION";

    /// <summary>With <c>match_mode: first</c>, an earlier rule always fires whenever this one would, so this one never runs (a warning).</summary>
    public const string Shadowed = "POL-SHADOWED";

    /// <summary>An action runs after an unconditional abort or skip, so it never runs (a warning).</summary>
    public const string UnreachableAction = "POL-UNREACHABLE-ACTION";

    /// <summary>A condition or template cannot be compiled (bad regex, time, zone or placeholder, or a rate_limit in an action's condition); the rule never fires and reports the outcome error.</summary>
    public const string Uncompilable = "POL-UNCOMPILABLE";
}
