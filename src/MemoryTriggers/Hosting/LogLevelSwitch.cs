using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Hosting;

/// <summary>The minimum level of the <c>MemoryTriggers</c> log categories, from <c>monitoring.log_level</c>, changed by reloads.</summary>
internal sealed class LogLevelSwitch
{
    private volatile int _level = (int)LogLevel.Information;

    public LogLevel Level
    {
        get => (LogLevel)_level;
        set => _level = (int)value;
    }

    /// <summary>Maps the configuration's level names (DEBUG, INFO, WARNING, ERROR, CRITICAL, and the .NET names) to a level.</summary>
    public static LogLevel Parse(string? name) => (name ?? string.Empty).Trim().ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "WARNING" or "WARN" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "CRITICAL" or "FATAL" => LogLevel.Critical,
        _ => LogLevel.Information,
    };

    public bool Allows(string? category, LogLevel level) =>
        category is null || !category.StartsWith("MemoryTriggers", StringComparison.Ordinal) || level >= Level;
}
