using System.CommandLine;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config policy</c>: list, add, remove and test the rules of the policy store.</summary>
internal static class PolicyCommand
{
    public static Command Create(CliContext context) =>
        new("policy", "Manage and test the policy rules in the policy directory.")
        {
            PolicyListCommand.Create(context),
            PolicyAddCommand.Create(context),
            PolicyRemoveCommand.Create(context),
            PolicyTestCommand.Create(context),
        };
}
