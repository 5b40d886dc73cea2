using MemoryTriggers.Configuration;
using Environment = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Deployment;

/// <summary>Environment names as written in files, directories and JSON: <c>production</c>.</summary>
internal static class EnvironmentNames
{
    public static string Of(Environment environment) => YamlNames.Of(environment);

    public static bool TryParse(string? text, out Environment environment)
    {
        foreach (var candidate in Enum.GetValues<Environment>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.Ordinal))
            {
                environment = candidate;
                return true;
            }
        }

        environment = default;
        return false;
    }

    public static bool TryParse(string? text, out DeploymentAction action) => TryParseEnum(text, out action);

    public static bool TryParse(string? text, out DeploymentOutcome outcome) => TryParseEnum(text, out outcome);

    private static bool TryParseEnum<T>(string? text, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(YamlNames.Of(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
