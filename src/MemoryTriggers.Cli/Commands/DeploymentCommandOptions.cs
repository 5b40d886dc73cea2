using System.CommandLine;
using MemoryTriggers.Deployment;

namespace MemoryTriggers.Cli.Commands;

/// <summary>The options the deployment commands share, and how they open the deployment root.</summary>
internal sealed class DeploymentCommandOptions
{
    public static readonly string[] EnvironmentNames = ["development", "testing", "staging", "production"];

    /// <summary>Where the user recorded in versions and the audit log comes from, first set wins.</summary>
    private static readonly string[] s_userVariables = ["MEMORY_DEPLOY_USER", "USER", "USERNAME"];

    public DeploymentCommandOptions(bool environmentRequired)
    {
        Environment = new Option<string?>("--env", "-e")
        {
            Description = environmentRequired ? "The target environment." : "The environment (default: the only one deployed in the root).",
            Required = environmentRequired,
        };
        Environment.AcceptOnlyFromAmong(EnvironmentNames);
    }

    public Option<string?> Environment { get; }

    public Option<string?> Root { get; } = new("--root")
    {
        Description = $"The deployment root (default: {DeploymentRoot.RootVariable}, else ./{DeploymentRoot.DefaultPath}).",
    };

    public Option<string> Format { get; } = CommonOptions.Format("text", "json");

    public static Configuration.Environment ParseEnvironment(string name) => Enum.Parse<Configuration.Environment>(name, ignoreCase: true);

    /// <summary>Opens the root of <c>--root</c>, else <c>MEMORY_DEPLOY_ROOT</c>, else <c>./deploy</c>, validating with the process's <c>MEMORY_*</c> overrides.</summary>
    public DeploymentRoot OpenRoot(ParseResult result, CliContext context)
    {
        var path = result.GetValue(Root)
            ?? (context.Variables.GetValueOrDefault(DeploymentRoot.RootVariable) is { Length: > 0 } fromVariable ? fromVariable : DeploymentRoot.DefaultPath);
        var user = s_userVariables
            .Select(name => context.Variables.GetValueOrDefault(name))
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value)) ?? System.Environment.UserName;
        return new DeploymentRoot(path, new DeploymentOptions { User = user, EnvironmentVariables = context.Variables });
    }

    /// <summary>Runs a deployment command: a <see cref="DeploymentException"/> becomes one line on standard error and exit 1.</summary>
    public static int Run(CliContext context, Func<int> body) => CliAction.Run(context, () =>
    {
        try
        {
            return body();
        }
        catch (DeploymentException ex)
        {
            context.Error.WriteLine($"memory-config: {ex.Message}");
            return ExitCodes.Failure;
        }
    });
}
