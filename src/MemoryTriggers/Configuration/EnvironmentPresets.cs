using System.Reflection;
using MemoryTriggers.Configuration.Binding;

namespace MemoryTriggers.Configuration;

/// <summary>The four environment presets shipped in <c>environments/</c> and embedded in the library.</summary>
public static class EnvironmentPresets
{
    private static readonly Dictionary<string, string?> s_noVariables = [];

    /// <summary>Gets the preset's YAML text, comments included.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The text of <c>environments/ENV.yaml</c>.</returns>
    public static string GetYaml(Environment environment)
    {
        var name = $"environments.{ConfigModel.EnumName(environment)}.yaml";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded preset {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Gets the preset's configuration, without environment overrides.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The configuration.</returns>
    public static MemoryTriggerConfig Get(Environment environment)
    {
        var report = ConfigurationLoader.LoadFromString(GetYaml(environment), $"environments/{ConfigModel.EnumName(environment)}.yaml", new LoadOptions { EnvironmentVariables = s_noVariables });
        return report.Config ?? throw new InvalidOperationException("An embedded preset does not load: " + string.Join("; ", report.Errors));
    }
}
