using System.CommandLine;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Deployment;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config restore FILE</c>: verifies a backup bundle's checksum, validates it, and restores it as a new version.</summary>
internal static class RestoreCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new DeploymentCommandOptions(environmentRequired: false);
        shared.Environment.Description = "The environment to restore into (default: the bundle's).";
        var file = new Argument<string>("FILE") { Description = "The backup bundle (from memory-config backup or deploy --backup)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Verify, validate and print the diff against what is deployed, change nothing (exit 2 when there are changes)." };
        var strict = new Option<bool>("--strict") { Description = "Refuse warnings too (production always refuses warnings)." };
        var command = new Command("restore", "Restore a backup bundle as a new version (history is never rewritten); a damaged or tampered bundle is refused.")
        {
            file, dryRun, shared.Environment, strict, shared.Root, shared.Format,
        };
        command.SetAction(result => DeploymentCommandOptions.Run(context, () =>
        {
            var path = result.GetValue(file)!;
            var read = BackupBundle.ReadFile(path);
            if (!read.Success)
            {
                context.Error.WriteLine($"memory-config: {read.Error}");
                return ExitCodes.Failure;
            }

            var bundle = read.Bundle;
            var json = result.GetValue(shared.Format) == "json";
            if (!json)
            {
                var policies = bundle.IncludesPolicies ? $"{bundle.Content.PolicyFiles.Count} policy files" : "no policies (the deployed ones are kept)";
                context.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Bundle {path}: checksum verified; {DeploymentWriter.Name(bundle.Environment)} version {bundle.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}, taken {bundle.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z by {bundle.User ?? "?"} with tool {bundle.ToolVersion}; {policies}"));
            }

            var root = shared.OpenRoot(result, context);
            var environment = result.GetValue(shared.Environment) is { } name ? DeploymentCommandOptions.ParseEnvironment(name) : (Configuration.Environment?)null;
            var outcome = root.Restore(read.Bundle, path, environment, result.GetValue(dryRun), result.GetValue(strict));
            return DeploymentWriter.Write(context, root, outcome, json);
        }));
        return command;
    }
}
