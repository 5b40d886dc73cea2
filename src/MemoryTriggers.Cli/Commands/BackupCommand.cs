using System.CommandLine;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Deployment;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config backup</c>: writes the current version of an environment as one bundle file with a checksum.</summary>
internal static class BackupCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new DeploymentCommandOptions(environmentRequired: false);
        var output = new Option<string?>("--output", "-o") { Description = "The bundle file (default: memory-config-backup-ENV-vN-TIME.yaml in the working directory); written atomically." };
        var includePolicies = new Option<bool>("--include-policies") { Description = "Put the policy files in the bundle too (a restore of a bundle without them keeps the deployed policies)." };
        var command = new Command("backup", "Write the current configuration (and, with --include-policies, the policies) of an environment as one file with metadata and a SHA-256 checksum.")
        {
            shared.Environment, shared.Root, output, includePolicies, shared.Format,
        };
        command.SetAction(result => DeploymentCommandOptions.Run(context, () =>
        {
            var root = shared.OpenRoot(result, context);
            var environment = result.GetValue(shared.Environment) is { } name
                ? DeploymentCommandOptions.ParseEnvironment(name)
                : OnlyEnvironment(root);
            var bundle = root.CreateBackup(environment, result.GetValue(includePolicies));
            var path = result.GetValue(output) ?? bundle.DefaultFileName;
            bundle.WriteTo(path);
            if (result.GetValue(shared.Format) == "json")
            {
                MemoryWriter.WriteJson(context.Out, json =>
                {
                    json.WriteString("file", path);
                    json.WriteString("environment", DeploymentWriter.Name(environment));
                    json.WritePlain("version", bundle.Version);
                    json.WriteString("version_hash", bundle.VersionHash);
                    json.WriteString("content_hash", bundle.Content.Hash);
                    json.WriteBoolean("includes_policies", bundle.IncludesPolicies);
                    json.WritePlain("policy_files", bundle.Content.PolicyFiles.Keys.Cast<object?>().ToList());
                    json.WriteString("created_at", bundle.CreatedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                    json.WriteString("tool_version", bundle.ToolVersion);
                });
            }
            else
            {
                var policies = bundle.IncludesPolicies ? $"the configuration and {bundle.Content.PolicyFiles.Count} policy file{(bundle.Content.PolicyFiles.Count == 1 ? string.Empty : "s")}" : "the configuration (no policies)";
                context.Out.WriteLine($"Backed up {DeploymentWriter.Name(environment)} version {bundle.Version} (sha256:{DeploymentContent.ShortenHash(bundle.VersionHash!)}), {policies}, to {path}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Configuration.Environment OnlyEnvironment(DeploymentRoot root)
    {
        var deployed = root.DeployedEnvironments();
        return deployed.Count switch
        {
            1 => deployed[0],
            0 => throw new DeploymentException($"{root.Path}: nothing is deployed in this root; deploy first, or name the root with --root or {DeploymentRoot.RootVariable}"),
            _ => throw new DeploymentException($"{root.Path}: the root holds several environments ({string.Join(", ", deployed.Select(DeploymentWriter.Name))}); name one with --env"),
        };
    }
}
