using MemoryTriggers.Policies;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Compare.Ours;

/// <summary>Loads policy YAML through the product's one pipeline (loader, validator, compiler) and refuses a set with errors.</summary>
internal static class PolicyFiles
{
    private const int ShownErrors = 5;

    /// <summary>Loads and validates a policy file; throws <see cref="InvalidDataException"/> listing its first errors.</summary>
    public static PolicySet LoadValid(string path) => Validated(PolicyLoader.LoadFile(path), path);

    /// <summary>Validates what <see cref="PolicyLoader"/> loaded; throws <see cref="InvalidDataException"/> listing its first errors.</summary>
    public static PolicySet Validate(PolicyLoadResult loaded, string sourceName) => Validated(loaded, sourceName);

    /// <summary>Loads and validates policy YAML held in memory; <paramref name="sourceName"/> names it in messages.</summary>
    public static PolicySet LoadValidText(string yaml, string sourceName) => Validated(PolicyLoader.LoadFromString(yaml, sourceName), sourceName);

    private static PolicySet Validated(PolicyLoadResult loaded, string sourceName)
    {
        var errors = new PolicyValidator().ValidateAll(loaded).Where(i => i.IsError).ToArray();
        if (errors.Length > 0)
        {
            throw new InvalidDataException(
                $"{sourceName}: {errors.Length} policy error(s), so no engine was built: "
                + string.Join(" | ", errors.Take(ShownErrors).Select(Describe))
                + (errors.Length > ShownErrors ? " | …" : string.Empty));
        }

        if (loaded.Policies.Rules.Count == 0)
        {
            throw new InvalidDataException($"{sourceName}: no rules");
        }

        return loaded.Policies;
    }

    private static string Describe(ValidationIssue issue) => issue.ToString().ReplaceLineEndings(" ");
}
