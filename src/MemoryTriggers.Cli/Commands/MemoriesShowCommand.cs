using System.CommandLine;
using MemoryTriggers.Cli.Output;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config memories show ID</c>: one memory with every field and its history.</summary>
internal static class MemoriesShowCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new MemoriesOptions();
        var id = new Argument<string>("ID") { Description = "The memory's id." };
        var command = new Command("show", "Show one memory with all its fields and its history.") { id, shared.Config, shared.Format };
        command.SetAction((result, cancellationToken) => shared.RunAsync(result, context, async (store, _, json, token) =>
        {
            var memoryId = result.GetValue(id)!;
            if (await MemoriesOptions.FindAsync(store, memoryId, context, token).ConfigureAwait(false) is not { } record)
            {
                return ExitCodes.Failure;
            }

            var history = await store.HistoryAsync(memoryId, token).ConfigureAwait(false);
            MemoryWriter.WriteRecord(context, record, history, json);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
