using System.CommandLine;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config policy remove NAME</c>: removes one rule from its file (the file goes when it was the last rule).</summary>
internal static class PolicyRemoveCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new PolicyOptions();
        var name = new Argument<string>("NAME") { Description = "The rule to remove." };
        var force = new Option<bool>("--force", "-f") { Description = "Do not ask for confirmation." };
        var command = new Command("remove", "Remove a rule from the policy directory.") { name, force, shared.Policies, shared.Config };
        command.SetAction(result => CliAction.Run(context, () =>
            Execute(context, shared.Store(result, context), result.GetValue(name)!, result.GetValue(force))));
        return command;
    }

    private static int Execute(CliContext context, PolicyStore store, string name, bool force)
    {
        var loaded = store.Load();
        var rule = loaded.Policies.Find(name);
        if (rule?.Source is not { } source)
        {
            var closest = YamlNames.Closest(name, loaded.Policies.Rules.Select(r => r.Name));
            context.Error.WriteLine($"no rule named '{name}' in {store.Directory}{(closest is null ? string.Empty : $" (did you mean '{closest}'?)")}");
            return ExitCodes.Failure;
        }

        var edited = PolicyFileEditor.RemoveRules(File.ReadAllText(source), [name], out var reason);
        if (edited is null)
        {
            context.Error.WriteLine($"cannot remove '{name}' from {source}: {reason}");
            return ExitCodes.Failure;
        }

        var remaining = loaded.Policies with { Rules = Configuration.ValueList<PolicyRule>.From(loaded.Policies.Rules.Where(r => r.Name != name)) };
        var broken = new PolicyValidator().Validate(remaining).Where(i => i.IsError && i.Message.Contains($"'{name}'", StringComparison.Ordinal)).ToArray();
        if (broken.Length > 0)
        {
            ReportWriter.WriteIssues(new Painter(context.Error, context.UseColor), broken);
            context.Error.WriteLine($"'{name}' was not removed: other rules depend on it");
            return ExitCodes.Failure;
        }

        if (!force)
        {
            if (!context.InputIsTerminal)
            {
                context.Error.WriteLine($"refusing to remove '{name}' without confirmation; pass --force");
                return ExitCodes.Failure;
            }

            context.Error.Write($"Remove rule '{name}' from {source}? [y/N] ");
            if (!string.Equals(context.Input.ReadLine()?.Trim(), "y", StringComparison.OrdinalIgnoreCase))
            {
                context.Error.WriteLine("Cancelled; nothing was removed.");
                return ExitCodes.Success;
            }
        }

        var lastRule = PolicyFileEditor.CountRules(edited) == 0;
        if (lastRule)
        {
            File.Delete(source);
            context.Out.WriteLine($"Removed '{name}' and its file {source}, which held no other rule");
        }
        else
        {
            AtomicFile.WriteAllText(source, edited);
            context.Out.WriteLine($"Removed '{name}' from {source}");
        }

        return ExitCodes.Success;
    }
}
