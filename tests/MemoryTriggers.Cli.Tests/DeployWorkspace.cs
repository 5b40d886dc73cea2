namespace MemoryTriggers.Cli.Tests;

/// <summary>A scratch directory with a deployment root and configuration files to deploy; deleted on dispose.</summary>
internal sealed class DeployWorkspace : IDisposable
{
    public const string Staging = """
        environment: staging
        security:
          webhook_allowed_hosts: [hooks.example.com]
        backend:
          backend_type: local
          pool_size: 2
          backend_settings:
            local_storage_path: ./memories.db
            api_token_env: STAGING_TOKEN
        performance:
          batch_size: 20

        """;

    public const string Policy = """
        rules:
          remember_errors:
            priority: 10
            conditions:
              - type: equals
                field: event_type
                value: error
            actions:
              - type: create_memory
                parameters:
                  content: "Error: ${message}"

        """;

    public DeployWorkspace()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mt-deploy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        Root = File("root");
    }

    public string Path { get; }

    public string Root { get; }

    public Dictionary<string, string?> Variables { get; } = new() { ["USER"] = "ann" };

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs memory-config with this workspace's variables and <c>--root</c>.</summary>
    public Task<CliResult> RunAsync(params string[] args) => CliRun.RunAsync(Variables, [.. args, "--root", Root]);

    /// <summary>Replaces the workspace's path (which differs per run) for golden comparisons.</summary>
    public string Normalize(string text) => text.Replace(Path, "WORKSPACE", StringComparison.Ordinal);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
