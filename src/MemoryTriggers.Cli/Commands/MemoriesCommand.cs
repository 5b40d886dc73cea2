using System.CommandLine;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config memories</c>: inspect and maintain the memories of the configured backend.</summary>
internal static class MemoriesCommand
{
    public static Command Create(CliContext context) =>
        new("memories", "Inspect and maintain the memories in the configured backend (SQLite or mem0).")
        {
            MemoriesListCommand.Create(context),
            MemoriesSearchCommand.Create(context),
            MemoriesShowCommand.Create(context),
            MemoriesDeleteCommand.Create(context),
            MemoriesStatsCommand.Create(context),
            MemoriesExportCommand.Create(context),
            MemoriesImportCommand.Create(context),
            MemoriesCleanupCommand.Create(context),
            MemoriesKeygenCommand.Create(context),
        };
}
