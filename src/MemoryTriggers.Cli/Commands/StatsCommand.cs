using System.CommandLine;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Backends;
using MemoryTriggers.Memory.Sqlite;
using MemoryTriggers.Policies;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config stats</c>: configuration statistics, the performance score, the policy rules, and the store's figures when it can be read.</summary>
internal static class StatsCommand
{
    /// <summary>How long the store may take to answer before stats gives up on it and prints the rest.</summary>
    private static readonly TimeSpan s_storeTimeout = TimeSpan.FromSeconds(20);

    public static Command Create(CliContext context)
    {
        var config = new Option<string?>("--config", "-c") { Description = "The configuration file (default: the development defaults); the MEMORY_* overrides apply." };
        var policies = new Option<string?>("--policies") { Description = "The policy directory (else MEMORY_POLICY_DIR, else policies/ beside --config, else ./policies)." };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("stats", "Show configuration statistics: environment, version, features, limits, trigger policies, policy rules by state and scope, the performance score, and the store's counts.")
        {
            config, policies, format,
        };
        command.SetAction((result, cancellationToken) => CliAction.RunAsync(context, async () =>
        {
            var path = result.GetValue(config);
            var loaded = ConfigSource.Load(path, context);
            if (loaded is null)
            {
                return ExitCodes.Failure;
            }

            var store = PolicyStore.Resolve(result.GetValue(policies), path, context);
            var rules = store.Exists ? store.Load() : null;
            var (stats, unavailable) = await ReadStoreAsync(loaded, context, cancellationToken).ConfigureAwait(false);
            var report = new StatsWriter.Report(path, loaded, PerformanceScorer.Score(loaded), store.Directory, rules, stats, unavailable);
            if (result.GetValue(format) == "json")
            {
                StatsWriter.WriteJson(context.Out, report);
            }
            else
            {
                StatsWriter.WriteText(new Painter(context.Out, context.UseColor), report);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The store's figures, or why they cannot be had; a local store that does not exist yet is not created.</summary>
    private static async Task<(MemoryStoreStats? Stats, string? Unavailable)> ReadStoreAsync(MemoryTriggerConfig config, CliContext context, CancellationToken cancellationToken)
    {
        if (config.Backend.BackendType == MemoryBackend.Local && !config.Backend.FailoverEnabled)
        {
            var database = SqliteMemoryStoreOptions.FromConfiguration(config.Backend, config.Performance).Path;
            if (!File.Exists(database))
            {
                return (null, $"no local store yet at {database}");
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_storeTimeout);
        try
        {
            var factory = MemoryStoreFactory.CreateDefault(environment: name => context.Variables.GetValueOrDefault(name));
            var store = await factory.OpenAsync(config, timeout.Token).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                return (await store.GetStatsAsync(timeout.Token).ConfigureAwait(false), null);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"the store did not answer within {s_storeTimeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            return (null, ex.Message);
        }
    }
}
