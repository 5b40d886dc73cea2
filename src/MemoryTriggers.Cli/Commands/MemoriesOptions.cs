using System.CommandLine;
using System.Net;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Backends;
using MemoryTriggers.Memory.Mem0;
using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Cli.Commands;

/// <summary>The options every <c>memories</c> command shares, and how it opens the configured store.</summary>
internal sealed class MemoriesOptions
{
    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "The configuration file whose backend section names the store (default: the development defaults, a local SQLite file).",
    };

    public Option<string> Format { get; } = CommonOptions.Format("text", "json");

    /// <summary>
    /// Loads the configuration, opens its store, runs <paramref name="body"/> and disposes the store.
    /// Failures become one line on standard error and an exit code: 1 for a bad configuration or a
    /// refused operation, 69 when the backend cannot be reached.
    /// </summary>
    public Task<int> RunAsync(ParseResult result, CliContext context, Func<IMemoryStore, MemoryTriggerConfig, bool, CancellationToken, Task<int>> body, CancellationToken cancellationToken) =>
        CliAction.RunAsync(context, async () =>
        {
            var config = ConfigSource.Load(result.GetValue(Config), context);
            if (config is null)
            {
                return ExitCodes.Failure;
            }

            var json = result.GetValue(Format) == "json";
            try
            {
                var factory = MemoryStoreFactory.CreateDefault(environment: name => context.Variables.GetValueOrDefault(name));
                var store = await factory.OpenAsync(config, cancellationToken).ConfigureAwait(false);
                await using (store.ConfigureAwait(false))
                {
                    return await body(store, config, json, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Mem0ApiException ex) when (IsUnavailable(ex))
            {
                await context.Error.WriteLineAsync($"memory-config: the memory backend is unavailable: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.BackendUnavailable;
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or MemoryStoreUnavailableException)
            {
                await context.Error.WriteLineAsync($"memory-config: the memory backend is unavailable: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.BackendUnavailable;
            }
            catch (Exception ex) when (ex is MemoryTriggersException or SqliteException)
            {
                await context.Error.WriteLineAsync($"memory-config: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        });

    /// <summary>Every memory of the store in its list order, read a page at a time.</summary>
    public static async IAsyncEnumerable<MemoryRecord> ListAllAsync(IMemoryStore store, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int pageSize = 500;
        for (var offset = 0; ; offset += pageSize)
        {
            var page = await store.ListAsync(offset, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var record in page)
            {
                yield return record;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>Reads one memory, or says on standard error that no memory has the id.</summary>
    public static async Task<MemoryRecord?> FindAsync(IMemoryStore store, string id, CliContext context, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            await context.Error.WriteLineAsync($"memory-config: no memory has the id '{id}'").ConfigureAwait(false);
        }

        return record;
    }

    private static bool IsUnavailable(Mem0ApiException ex) =>
        ex.StatusCode is null or HttpStatusCode.TooManyRequests || (int)ex.StatusCode >= 500;
}
