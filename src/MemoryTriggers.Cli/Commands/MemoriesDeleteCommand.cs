using System.CommandLine;
using MemoryTriggers.Cli.Output;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config memories delete ID</c>: deletes one memory after confirmation (its history is kept).</summary>
internal static class MemoriesDeleteCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new MemoriesOptions();
        var id = new Argument<string>("ID") { Description = "The memory's id." };
        var force = new Option<bool>("--force", "-f") { Description = "Do not ask for confirmation." };
        var command = new Command("delete", "Delete one memory; its history is kept.") { id, force, shared.Config, shared.Format };
        command.SetAction((result, cancellationToken) => shared.RunAsync(result, context, async (store, _, json, token) =>
        {
            var memoryId = result.GetValue(id)!;
            if (await MemoriesOptions.FindAsync(store, memoryId, context, token).ConfigureAwait(false) is not { } record)
            {
                return ExitCodes.Failure;
            }

            if (!result.GetValue(force))
            {
                if (!context.InputIsTerminal)
                {
                    await context.Error.WriteLineAsync($"refusing to delete memory '{memoryId}' without confirmation; pass --force").ConfigureAwait(false);
                    return ExitCodes.Failure;
                }

                await context.Error.WriteAsync($"Delete memory '{memoryId}' (\"{record.Content.ReplaceLineEndings(" ")}\")? [y/N] ").ConfigureAwait(false);
                if (!string.Equals(context.Input.ReadLine()?.Trim(), "y", StringComparison.OrdinalIgnoreCase))
                {
                    await context.Error.WriteLineAsync("Cancelled; nothing was deleted.").ConfigureAwait(false);
                    return ExitCodes.Success;
                }
            }

            var deleted = await store.DeleteAsync(memoryId, token).ConfigureAwait(false);
            if (json)
            {
                MemoryWriter.WriteJson(context.Out, w =>
                {
                    w.WriteString("id", memoryId);
                    w.WriteBoolean("deleted", deleted);
                });
            }
            else
            {
                await context.Out.WriteLineAsync(deleted ? $"Deleted memory '{memoryId}'" : $"Memory '{memoryId}' was already gone").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
