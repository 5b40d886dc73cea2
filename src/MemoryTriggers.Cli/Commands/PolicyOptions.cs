using System.CommandLine;

namespace MemoryTriggers.Cli.Commands;

/// <summary>The options every policy command shares.</summary>
internal sealed class PolicyOptions
{
    public Option<string?> Policies { get; } = new("--policies")
    {
        Description = "The policy directory (else MEMORY_POLICY_DIR, else policies/ beside --config, else ./policies).",
    };

    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "The configuration file; its directory holds the default policies/ directory.",
    };

    public PolicyStore Store(ParseResult result, CliContext context) =>
        PolicyStore.Resolve(result.GetValue(Policies), result.GetValue(Config), context);
}
