using System.CommandLine;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Deployment;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config deploy FILE --env ENV</c>: validates a configuration and its policies and makes them a new version of the environment in the deployment root.</summary>
internal static class DeployCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new DeploymentCommandOptions(environmentRequired: true);
        var file = new Argument<string>("FILE") { Description = "The configuration file to deploy." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and print the diff against what is deployed, change nothing (exit 2 when there are changes)." };
        var backup = new Option<bool>("--backup") { Description = "First write a backup bundle of the version being replaced (into ROOT/ENV/backups)." };
        var strict = new Option<bool>("--strict") { Description = "Refuse warnings too, and treat unknown keys as errors (production always refuses warnings)." };
        var policies = new Option<string?>("--policies") { Description = "Deploy the policy files of this directory too (without it, the deployed policies are kept)." };
        var command = new Command("deploy", "Validate a configuration (with the MEMORY_* overrides) and its policies, and deploy them as a new numbered version; every attempt is audited.")
        {
            file, shared.Environment, dryRun, backup, strict, policies, shared.Root, shared.Format,
        };
        command.SetAction(result => DeploymentCommandOptions.Run(context, () =>
        {
            var root = shared.OpenRoot(result, context);
            var path = result.GetValue(file)!;
            var policyDirectory = result.GetValue(policies);
            var content = DeploymentContent.FromFiles(path, policyDirectory);
            var outcome = root.Deploy(new DeploymentRequest
            {
                Environment = DeploymentCommandOptions.ParseEnvironment(result.GetValue(shared.Environment)!),
                ConfigText = content.ConfigText,
                ConfigSource = path,
                PolicyFiles = policyDirectory is null ? null : content.PolicyFiles,
                PolicySource = policyDirectory,
                DryRun = result.GetValue(dryRun),
                Backup = result.GetValue(backup),
                Strict = result.GetValue(strict),
            });
            return DeploymentWriter.Write(context, root, outcome, result.GetValue(shared.Format) == "json");
        }));
        return command;
    }
}
