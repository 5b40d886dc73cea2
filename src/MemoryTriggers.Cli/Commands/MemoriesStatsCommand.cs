using System.CommandLine;
using MemoryTriggers.Cli.Output;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config memories stats</c>: what the configured store holds.</summary>
internal static class MemoriesStatsCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new MemoriesOptions();
        var command = new Command("stats", "Count the memories in the store: archived, expired, by category, average quality, size on disk.") { shared.Config, shared.Format };
        command.SetAction((result, cancellationToken) => shared.RunAsync(result, context, async (store, _, json, token) =>
        {
            MemoryWriter.WriteStats(context, await store.GetStatsAsync(token).ConfigureAwait(false), json);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
