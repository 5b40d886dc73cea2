using MemoryTriggers.Deployment;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Cli.Output;

/// <summary>Prints what a deploy, restore or rollback did (or, in a dry run, would do) and chooses its exit code.</summary>
internal static class DeploymentWriter
{
    /// <summary>Writes the result and returns the exit code: 0 done or unchanged, 1 refused for errors, 2 a dry run with changes, 3 refused for warnings only.</summary>
    public static int Write(CliContext context, DeploymentRoot root, DeploymentResult result, bool json)
    {
        if (json)
        {
            WriteJson(context, root, result);
        }
        else
        {
            WriteText(context, root, result);
        }

        return result.Outcome switch
        {
            DeploymentOutcome.Refused => result.RefusedForWarnings ? ExitCodes.WarningsUnderStrict : ExitCodes.Failure,
            DeploymentOutcome.Planned => result.HasChanges ? ExitCodes.ChangesFound : ExitCodes.Success,
            DeploymentOutcome.Failed => ExitCodes.Failure,
            _ => ExitCodes.Success,
        };
    }

    public static string Name(Configuration.Environment environment) => YamlNames.Of(environment);

    private static string Lines(int count) => count == 1 ? "1 line" : $"{count} lines";

    /// <summary>A restore's source is <c>BUNDLE#config.yaml</c>; people want the bundle.</summary>
    private static string? BundlePath(string? source) =>
        source is not null && source.EndsWith("#" + DeploymentContent.ConfigFileName, StringComparison.Ordinal)
            ? source[..^(DeploymentContent.ConfigFileName.Length + 1)]
            : source;

    private static string Short(string hash) => "sha256:" + DeploymentContent.ShortenHash(hash);

    private static string Verb(DeploymentAction action) => YamlNames.Of(action);

    private static void WriteText(CliContext context, DeploymentRoot root, DeploymentResult result)
    {
        var env = Name(result.Environment);
        var errors = new Painter(context.Error, context.UseColor);
        ReportWriter.WriteIssues(errors, result.Issues.Where(i => i.Severity != IssueSeverity.Info));
        if (result.RepairedLiveFiles)
        {
            errors.Line($"memory-config: note: the live files of {env} were first put back to version {result.Previous?.Number}: an earlier operation was interrupted");
        }

        var previous = result.Previous is { } p ? $"version {p.Number} ({Short(p.Hash)})" : null;
        var output = new Painter(context.Out, context.UseColor);
        switch (result.Outcome)
        {
            case DeploymentOutcome.Refused:
                errors.Line(($"memory-config: {Verb(result.Action)} refused: {result.Message}; ", null),
                    (previous is null ? $"nothing is deployed to {env}" : $"{env} stays at {previous}", null));
                break;
            case DeploymentOutcome.Planned:
                context.Out.Write(result.Diff);
                var next = (result.Previous?.Number ?? 0) + 1;
                var (added, removed) = UnifiedDiff.Count(result.Diff);
                output.Line(!result.HasChanges
                    ? $"Dry run: no changes; {env} is at {previous}"
                    : result.Diff.Length == 0
                        ? $"Dry run: the files differ from {env} {previous} only where the diff does not show it (comments, formatting, redacted secrets); a {Verb(result.Action)} would write version {next}"
                        : $"Dry run: {Lines(added)} added, {removed} removed against {(previous is null ? $"an empty {env}" : $"{env} {previous}")}; a {Verb(result.Action)} would write version {next}");
                break;
            case DeploymentOutcome.Unchanged:
                output.Line($"{env}: no changes; {previous} stays current");
                break;
            default:
                var version = result.Version!;
                var what = result.Action switch
                {
                    DeploymentAction.Rollback => $"Rolled back {env} to the content of version {version.FromVersion}",
                    DeploymentAction.Restore => $"Restored {BundlePath(version.Source)} to {env}",
                    _ => $"Deployed {version.Source} to {env}",
                };
                output.Line((what, "bold"), ($" as version {version.Number} ({Short(version.Hash)}); {(previous is null ? "the first version" : "was " + previous)}", null));
                output.Line($"  live configuration: {root.LiveConfigPath(result.Environment)}");
                output.Line($"  live policies: {root.LivePolicyDirectory(result.Environment)} ({version.PolicyFiles.Count} file{(version.PolicyFiles.Count == 1 ? string.Empty : "s")})");
                if (result.BackupPath is { } backup)
                {
                    output.Line($"  backup of version {result.Previous!.Number}: {backup}");
                }

                break;
        }
    }

    private static void WriteJson(CliContext context, DeploymentRoot root, DeploymentResult result) =>
        MemoryWriter.WriteJson(context.Out, json =>
        {
            json.WriteString("environment", Name(result.Environment));
            json.WriteString("action", Verb(result.Action));
            json.WriteString("outcome", YamlNames.Of(result.Outcome));
            json.WriteBoolean("changed", result.HasChanges);
            json.WritePlain("version", result.Version?.Number);
            json.WriteString("hash", result.Hash);
            json.WritePlain("previous_version", result.Previous?.Number);
            json.WritePlain("previous_hash", result.Previous?.Hash);
            json.WritePlain("from_version", result.Version?.FromVersion);
            json.WritePlain("backup", result.BackupPath);
            json.WriteBoolean("repaired_live_files", result.RepairedLiveFiles);
            json.WritePlain("message", result.Message);
            json.WriteString("live_config", root.LiveConfigPath(result.Environment));
            json.WriteString("diff", result.Diff);
            json.WriteStartArray("issues");
            foreach (var issue in result.Issues)
            {
                ReportWriter.WriteIssue(json, issue);
            }

            json.WriteEndArray();
        });
}
