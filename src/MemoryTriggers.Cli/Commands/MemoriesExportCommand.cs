using System.CommandLine;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Memory;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config memories export</c>: every memory as JSON lines (the format of <see cref="MemoryJsonLines"/>).</summary>
internal static class MemoriesExportCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new MemoriesOptions();
        var output = CommonOptions.Output("the JSON lines");
        var command = new Command("export", "Write every memory as one JSON object per line (import reads them back).") { output, shared.Config, shared.Format };
        command.SetAction((result, cancellationToken) => shared.RunAsync(result, context, async (store, _, json, token) =>
        {
            var file = result.GetValue(output);
            if (file is null)
            {
                await WriteAllAsync(store, context.Out, token).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var count = 0L;
            await AtomicFile.WriteAsync(file, async writer => count = await WriteAllAsync(store, writer, token).ConfigureAwait(false)).ConfigureAwait(false);
            if (json)
            {
                MemoryWriter.WriteJson(context.Out, w =>
                {
                    w.WriteString("file", Path.GetFullPath(file));
                    w.WriteNumber("exported", count);
                });
            }
            else
            {
                await context.Out.WriteLineAsync($"Exported {count} memor{(count == 1 ? "y" : "ies")} to {file}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static async Task<long> WriteAllAsync(IMemoryStore store, TextWriter writer, CancellationToken cancellationToken)
    {
        var count = 0L;
        await foreach (var record in MemoriesOptions.ListAllAsync(store, cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteLineAsync(MemoryJsonLines.ToLine(record)).ConfigureAwait(false);
            count++;
        }

        return count;
    }
}
