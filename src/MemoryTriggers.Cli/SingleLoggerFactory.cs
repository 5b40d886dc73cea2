using Microsoft.Extensions.Logging;

namespace MemoryTriggers.Cli;

/// <summary>Hands one logger to every category, for the store, the service and the executors a command runs.</summary>
internal sealed class SingleLoggerFactory(ILogger logger) : ILoggerFactory
{
    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => logger;

    public void Dispose()
    {
    }
}
