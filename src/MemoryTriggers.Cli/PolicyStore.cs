using MemoryTriggers.Policies;

namespace MemoryTriggers.Cli;

/// <summary>
/// The persistent policy store: a directory of policy files, chosen by <c>--policies DIR</c>, else
/// <c>MEMORY_POLICY_DIR</c>, else the <c>policies/</c> directory beside the <c>--config</c> file,
/// else <c>./policies</c>.
/// </summary>
internal sealed class PolicyStore(string directory, string origin)
{
    public const string Variable = "MEMORY_POLICY_DIR";

    public string Directory { get; } = directory;

    /// <summary>Gets how the directory was chosen, for messages.</summary>
    public string Origin { get; } = origin;

    public static PolicyStore Resolve(string? option, string? configPath, CliContext context) =>
        option is not null ? new(option, "--policies")
        : context.Variables.GetValueOrDefault(Variable) is { Length: > 0 } fromVariable ? new(fromVariable, Variable)
        : configPath is not null ? new(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, "policies"), "beside " + configPath)
        : new("policies", "default");

    public bool Exists => System.IO.Directory.Exists(Directory);

    public IReadOnlyList<string> Files => PolicyLoader.ListFiles(Directory);

    /// <summary>Loads every file and runs the full policy validation (structure, lint, compilation).</summary>
    public PolicyLoadResult Load() => Exists ? PolicyLoader.LoadDirectory(Directory) : new PolicyLoadResult(PolicySet.Empty, []);
}
