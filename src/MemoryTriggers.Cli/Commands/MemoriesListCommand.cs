using System.CommandLine;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Memory;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config memories list</c>: memories in creation order, archived and expired ones included.</summary>
internal static class MemoriesListCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new MemoriesOptions();
        var tag = new Option<string?>("--tag", "-t") { Description = "Only memories with this tag (ignoring case)." };
        var limit = new Option<int>("--limit", "-n") { Description = "The most memories listed.", DefaultValueFactory = _ => 20 };
        var offset = new Option<int>("--offset") { Description = "Skip this many (matching) memories first." };
        limit.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) { r.AddError("--limit must be at least 1."); } });
        offset.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) { r.AddError("--offset must not be negative."); } });
        var command = new Command("list", "List memories, oldest first, archived and expired ones included.") { tag, limit, offset, shared.Config, shared.Format };
        command.SetAction((result, cancellationToken) => shared.RunAsync(result, context, async (store, _, json, token) =>
        {
            var page = await ListAsync(store, result.GetValue(tag), result.GetValue(offset), result.GetValue(limit), token).ConfigureAwait(false);
            var filter = result.GetValue(tag) is { } t ? $" tagged '{t}'" : string.Empty;
            MemoryWriter.WriteList(context, page, json, $"{page.Count} memor{(page.Count == 1 ? "y" : "ies")}{filter}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static async Task<IReadOnlyList<MemoryRecord>> ListAsync(IMemoryStore store, string? tag, int offset, int limit, CancellationToken cancellationToken)
    {
        if (tag is null)
        {
            return await store.ListAsync(offset, limit, cancellationToken).ConfigureAwait(false);
        }

        var trimmed = tag.Trim();
        return await MemoriesOptions.ListAllAsync(store, cancellationToken)
            .Where(r => r.Tags.Any(t => string.Equals(t, trimmed, StringComparison.OrdinalIgnoreCase)))
            .Skip(offset)
            .Take(limit)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }
}
