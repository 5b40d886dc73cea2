using System.CommandLine;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Cli.Commands;

/// <summary>
/// <c>memory-config policy add FILE</c>: validates the file together with the store and copies it
/// in atomically. Conflicts (a file of the same name, rules of the same name elsewhere) are refused
/// unless <c>--replace</c>; nothing is written when anything is wrong.
/// </summary>
internal static class PolicyAddCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new PolicyOptions();
        var file = new Argument<string>("FILE") { Description = "The policy file to add." };
        var validateOnly = new Option<bool>("--validate") { Description = "Only check that the file would be accepted; write nothing." };
        var replace = new Option<bool>("--replace") { Description = "Replace a file of the same name and rules of the same names in other files." };
        var command = new Command("add", "Add a policy file to the policy directory after validating it with the rules already there.")
        {
            file, validateOnly, replace, shared.Policies, shared.Config,
        };
        command.SetAction(result => CliAction.Run(context, () =>
            Execute(context, shared.Store(result, context), result.GetValue(file)!, result.GetValue(validateOnly), result.GetValue(replace))));
        return command;
    }

    private static int Execute(CliContext context, PolicyStore store, string file, bool validateOnly, bool replace)
    {
        var errors = new Painter(context.Error, context.UseColor);
        var incoming = PolicyLoader.LoadFile(file);
        if (!incoming.Valid)
        {
            ReportWriter.WriteIssues(errors, incoming.Issues);
            return ExitCodes.Failure;
        }

        var target = Path.Combine(store.Directory, Path.GetFileName(file));
        var names = incoming.Policies.Rules.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var existing = store.Load().Policies;
        var conflicts = existing.Rules
            .Where(r => names.Contains(r.Name) && !SamePath(r.Source, target))
            .GroupBy(r => r.Source!)
            .ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)g.Select(r => r.Name).ToArray());
        var targetExists = File.Exists(target) && !SamePath(Path.GetFullPath(file), Path.GetFullPath(target));
        if (!replace && (targetExists || conflicts.Count > 0))
        {
            if (targetExists)
            {
                context.Error.WriteLine($"{target} already exists; pass --replace to overwrite it");
            }

            foreach (var (source, rules) in conflicts)
            {
                context.Error.WriteLine($"{source} already defines {string.Join(", ", rules)}; pass --replace to move them to {Path.GetFileName(file)}");
            }

            return ExitCodes.Failure;
        }

        var staged = Stage(store, file, target, conflicts, out var problem);
        if (staged is null)
        {
            context.Error.WriteLine(problem);
            return ExitCodes.Failure;
        }

        try
        {
            var issues = new PolicyValidator().ValidateAll(PolicyLoader.LoadDirectory(staged.Directory));
            ReportWriter.WriteIssues(errors, issues.Select(i => i with { Location = i.Location with { File = staged.Original(i.Location.File) } }));
            if (issues.Any(i => i.IsError))
            {
                context.Error.WriteLine($"{file} was not added: the policies would have errors");
                return ExitCodes.Failure;
            }

            if (validateOnly)
            {
                context.Out.WriteLine($"{file} can be added: {names.Count} rule{(names.Count == 1 ? string.Empty : "s")} ({string.Join(", ", names)})");
                return ExitCodes.Success;
            }

            foreach (var (source, text) in staged.Changed)
            {
                if (text.Length == 0)
                {
                    File.Delete(source);
                }
                else
                {
                    AtomicFile.WriteAllText(source, text);
                }
            }

            context.Out.WriteLine($"Added {names.Count} rule{(names.Count == 1 ? string.Empty : "s")} ({string.Join(", ", names)}) to {target}");
            foreach (var (source, rules) in conflicts)
            {
                context.Out.WriteLine($"Replaced {string.Join(", ", rules)} from {source}");
            }

            return ExitCodes.Success;
        }
        finally
        {
            Directory.Delete(staged.Directory, recursive: true);
        }
    }

    /// <summary>Builds the store as it would be after the add, in a scratch directory, to validate before writing.</summary>
    private static StagedStore? Stage(PolicyStore store, string file, string target, Dictionary<string, IReadOnlyCollection<string>> conflicts, out string? problem)
    {
        problem = null;
        var scratch = Path.Combine(Path.GetTempPath(), "memory-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        var staged = new StagedStore(scratch);
        foreach (var source in store.Files)
        {
            var text = File.ReadAllText(source);
            if (conflicts.TryGetValue(source, out var remove))
            {
                var edited = PolicyFileEditor.RemoveRules(text, remove, out var reason);
                if (edited is null)
                {
                    problem = $"cannot remove {string.Join(", ", remove)} from {source}: {reason}";
                    Directory.Delete(scratch, recursive: true);
                    return null;
                }

                var empty = PolicyFileEditor.CountRules(edited) == 0;
                staged.Changed[source] = empty ? string.Empty : edited;
                text = empty ? string.Empty : edited;
            }

            if (text.Length > 0 && !SamePath(source, target))
            {
                staged.Add(source, text);
            }
        }

        var incoming = File.ReadAllText(file);
        staged.Add(target, incoming);
        staged.Changed[target] = incoming;
        return staged;
    }

    private static bool SamePath(string? a, string? b) =>
        a is not null && b is not null && string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    /// <summary>A scratch copy of the store, remembering which real file each copy stands for.</summary>
    private sealed class StagedStore(string directory)
    {
        private readonly Dictionary<string, string> _originals = new(StringComparer.Ordinal);

        public string Directory { get; } = directory;

        public Dictionary<string, string> Changed { get; } = new(StringComparer.Ordinal);

        public void Add(string original, string text)
        {
            var copy = Path.Combine(Directory, Path.GetFileName(original));
            File.WriteAllText(copy, text);
            _originals[copy] = original;
        }

        public string? Original(string? copy) => copy is not null && _originals.TryGetValue(copy, out var original) ? original : copy;
    }
}
