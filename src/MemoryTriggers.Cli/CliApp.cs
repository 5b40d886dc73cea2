using System.CommandLine;
using MemoryTriggers.Cli.Commands;

namespace MemoryTriggers.Cli;

/// <summary>The <c>memory-config</c> command tree; runs in-process so tests can capture its output.</summary>
internal static class CliApp
{
    public static RootCommand Build(CliContext context) =>
        new("memory-config: validate, generate, inspect and deploy MemoryTriggers configurations (with backups, restores and rollbacks), manage and test policies, process events, monitor a running configuration, and inspect and maintain memories. " + ExitCodes.Summary)
        {
            ValidateCommand.Create(context),
            GenerateCommand.Create(context),
            ShowCommand.Create(context),
            SchemaCommand.Create(context),
            PolicyCommand.Create(context),
            MemoriesCommand.Create(context),
            ProcessCommand.Create(context),
            MonitorCommand.Create(context),
            DeployCommand.Create(context),
            BackupCommand.Create(context),
            RestoreCommand.Create(context),
            RollbackCommand.Create(context),
            StatsCommand.Create(context),
        };

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parsed = Build(context).Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,

            // Program handles Ctrl+C and SIGTERM by cancelling the token (System.CommandLine's own handler would end with 130).
            ProcessTerminationTimeout = null,
        };
        try
        {
            var code = await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
            return parsed.Errors.Count > 0 ? ExitCodes.Usage : code;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
    }
}
