using System.CommandLine;
using MemoryTriggers.Cli.Output;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config rollback --env ENV</c>: makes an earlier version's content current again, as a new version.</summary>
internal static class RollbackCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new DeploymentCommandOptions(environmentRequired: true);
        var to = new Option<int?>("--to") { Description = "The version to go back to (default: the latest earlier version that differs from the current one)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the diff, change nothing (exit 2 when there are changes)." };
        var command = new Command("rollback", "Make an earlier version current again, written as a new version; refused only for errors.")
        {
            shared.Environment, to, dryRun, shared.Root, shared.Format,
        };
        command.SetAction(result => DeploymentCommandOptions.Run(context, () =>
        {
            var root = shared.OpenRoot(result, context);
            var environment = DeploymentCommandOptions.ParseEnvironment(result.GetValue(shared.Environment)!);
            var outcome = root.Rollback(environment, result.GetValue(to), result.GetValue(dryRun));
            return DeploymentWriter.Write(context, root, outcome, result.GetValue(shared.Format) == "json");
        }));
        return command;
    }
}
