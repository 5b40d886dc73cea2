using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Tests.Actions.Executors;

/// <summary>An ILogger that keeps each entry with the scopes open when it was written.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly List<object?> _scopes = [];

    public List<Entry> Entries { get; } = [];

    public LogLevel MinimumLevel { get; init; } = LogLevel.Trace;

    public IDisposable BeginScope<TState>(TState state)
        where TState : notnull
    {
        _scopes.Add(state);
        return new Scope(this);
    }

    public bool IsEnabled(LogLevel logLevel) => logLevel >= MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        Entries.Add(new Entry(logLevel, eventId, formatter(state, exception), values.ToDictionary(v => v.Key, v => v.Value), [.. _scopes]));
    }

    internal sealed record Entry(LogLevel Level, EventId EventId, string Message, Dictionary<string, object?> State, List<object?> Scopes);

    private sealed class Scope(RecordingLogger logger) : IDisposable
    {
        public void Dispose() => logger._scopes.RemoveAt(logger._scopes.Count - 1);
    }
}
