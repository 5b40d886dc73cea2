using System.CommandLine;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config memories search QUERY</c>: recall, ranked as the runtime ranks it.</summary>
internal static class MemoriesSearchCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new MemoriesOptions();
        var query = new Argument<string>("QUERY") { Description = "Words to look for." };
        var limit = new Option<int>("--limit", "-n") { Description = "The most memories returned.", DefaultValueFactory = _ => 10 };
        limit.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) { r.AddError("--limit must be at least 1."); } });
        var tags = new Option<string[]>("--tag", "-t") { Description = "Only memories with this tag (repeatable: all must match).", AllowMultipleArgumentsPerToken = false };
        var category = new Option<string?>("--category") { Description = "Only memories of this category." };
        var user = new Option<string?>("--user") { Description = "Only memories of this user id." };
        var minQuality = new Option<double?>("--min-quality") { Description = "Only memories with at least this quality score (0-1)." };
        minQuality.Validators.Add(r => { if (r.GetValueOrDefault<double?>() is < 0 or > 1) { r.AddError("--min-quality must be from 0 to 1."); } });
        var archived = new Option<bool>("--include-archived") { Description = "Also return archived memories." };
        var command = new Command("search", "Find memories by words, best match first (expired memories are never returned).")
        {
            query, limit, tags, category, user, minQuality, archived, shared.Config, shared.Format,
        };
        command.SetAction((result, cancellationToken) => shared.RunAsync(result, context, async (store, _, json, token) =>
        {
            var text = result.GetValue(query)!;
            var found = await store.RecallAsync(
                new MemoryQuery
                {
                    Text = text,
                    Limit = result.GetValue(limit),
                    Tags = ValueList<string>.From(result.GetValue(tags) ?? []),
                    Category = result.GetValue(category),
                    UserId = result.GetValue(user),
                    MinQuality = result.GetValue(minQuality),
                    IncludeArchived = result.GetValue(archived),
                },
                token).ConfigureAwait(false);
            MemoryWriter.WriteList(context, found, json, $"{found.Count} memor{(found.Count == 1 ? "y" : "ies")} match '{text}'");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
