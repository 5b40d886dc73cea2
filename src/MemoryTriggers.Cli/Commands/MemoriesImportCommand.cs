using System.CommandLine;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Memory;

namespace MemoryTriggers.Cli.Commands;

/// <summary>
/// <c>memory-config memories import FILE</c>: creates the memories of a JSON lines file. Every line
/// is checked before anything is written, so a bad file changes nothing.
/// </summary>
internal static class MemoriesImportCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new MemoriesOptions();
        var file = new Argument<string>("FILE") { Description = "A JSON lines file, as written by export." };
        var command = new Command("import", "Create memories from a JSON lines file (as export writes); duplicates of stored memories are skipped.") { file, shared.Config, shared.Format };
        command.SetAction((result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            if (!File.Exists(path))
            {
                context.Error.WriteLine($"memory-config: {path}: no such file");
                return Task.FromResult(ExitCodes.Failure);
            }

            return shared.RunAsync(result, context, (store, _, json, token) => ImportAsync(context, store, path, json, token), cancellationToken);
        });
        return command;
    }

    private static async Task<int> ImportAsync(CliContext context, IMemoryStore store, string path, bool json, CancellationToken cancellationToken)
    {
        var drafts = new List<(MemoryDraft Draft, bool Archived)>();
        var problems = 0;
        var expired = 0;
        var lineNumber = 0;
        var now = TimeProvider.System.GetUtcNow();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (MemoryJsonLines.TryReadDraft(line, now, out var draft, out var archived, out var problem))
            {
                drafts.Add((draft!, archived));
            }
            else if (problem == "expired")
            {
                expired++;
            }
            else if (problems++ < 20)
            {
                await context.Error.WriteLineAsync($"{path}:{lineNumber}: {problem}").ConfigureAwait(false);
            }
        }

        if (problems > 0)
        {
            await context.Error.WriteLineAsync($"{path}: {problems} line{(problems == 1 ? string.Empty : "s")} rejected; nothing was imported").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var results = await store.CreateManyAsync(drafts.Select(d => d.Draft), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < results.Count; i++)
        {
            if (drafts[i].Archived && results[i].Created)
            {
                await store.ArchiveAsync(results[i].Record.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        var created = results.Count(r => r.Created);
        var duplicates = results.Count - created;
        if (json)
        {
            MemoryWriter.WriteJson(context.Out, w =>
            {
                w.WriteString("file", Path.GetFullPath(path));
                w.WriteNumber("created", created);
                w.WriteNumber("duplicates", duplicates);
                w.WriteNumber("expired_skipped", expired);
            });
        }
        else
        {
            await context.Out.WriteLineAsync($"Imported {created} memor{(created == 1 ? "y" : "ies")} from {path} ({duplicates} duplicate{(duplicates == 1 ? string.Empty : "s")} and {expired} expired skipped)").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
