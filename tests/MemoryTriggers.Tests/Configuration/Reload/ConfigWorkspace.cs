using System.Globalization;
using System.Text;

namespace MemoryTriggers.Tests.Configuration.Reload;

/// <summary>A temporary directory with a configuration file and a policy directory, and the ways editors and deploys write them.</summary>
internal sealed class ConfigWorkspace : IDisposable
{
    public ConfigWorkspace(int batchSize = 10, bool withPolicies = true)
    {
        Root = Directory.CreateTempSubdirectory("memory-triggers-reload-").FullName;
        ConfigPath = System.IO.Path.Combine(Root, "config.yaml");
        PolicyDirectory = System.IO.Path.Combine(Root, "policies");
        WriteInPlace(Config(batchSize));
        if (withPolicies)
        {
            Directory.CreateDirectory(PolicyDirectory);
            File.WriteAllText(PolicyPath("errors.yaml"), Policy("remember_errors", "error"));
        }
    }

    public string Root { get; }

    public string ConfigPath { get; }

    public string PolicyDirectory { get; }

    /// <summary>A valid configuration; <paramref name="extra"/> is appended as top-level YAML.</summary>
    public static string Config(int batchSize, string extra = "", bool autoReload = true, bool hotReloading = true) =>
        string.Create(CultureInfo.InvariantCulture, $"""
            environment: testing
            auto_reload: {(autoReload ? "true" : "false")}
            validation_strict: true
            performance:
              batch_size: {batchSize}
              background_processing_enabled: false
            features:
              hot_reloading: {(hotReloading ? "true" : "false")}
            backend:
              backend_type: local
            {extra}
            """);

    /// <summary>A policy file with one valid rule that remembers events of a type.</summary>
    public static string Policy(string rule, string eventType, string content = "Saw ${message}") => $"""
        rules:
          {rule}:
            conditions:
              - type: equals
                field: event_type
                value: {eventType}
            actions:
              - type: create_memory
                parameters:
                  content: "{content}"
        """;

    public string PolicyPath(string name) => System.IO.Path.Combine(PolicyDirectory, name);

    /// <summary>Truncates and rewrites the file, as most programs do.</summary>
    public void WriteInPlace(string text, string? path = null) => File.WriteAllText(path ?? ConfigPath, text, new UTF8Encoding(false));

    /// <summary>Writes a temporary file beside the target and renames it over the target, as vim, VS Code and deploy tools do.</summary>
    public void WriteAtomic(string text, string? path = null)
    {
        path ??= ConfigPath;
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the directory for a moment; the temporary folder is cleaned up by the OS.
        }
    }
}
