using MemoryTriggers.Configuration;
using MemoryTriggers.Deployment;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Deployment;

/// <summary>A temporary deployment root with a manual clock and no environment variables; deleted on dispose.</summary>
internal sealed class TempDeployment : IDisposable
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

    public TempDeployment()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("memory-triggers-deploy-").FullName;
        Root = Open();
    }

    public string Directory { get; }

    public string RootPath => Path.Combine(Directory, "root");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public DeploymentRoot Root { get; }

    public static string Production => EnvironmentPresets.GetYaml(MemoryTriggers.Configuration.Environment.Production);

    public DeploymentRoot Open(Action<string>? stageHook = null, TimeSpan? lockTimeout = null, IReadOnlyDictionary<string, string?>? variables = null) =>
        new(RootPath, new DeploymentOptions
        {
            TimeProvider = Time,
            User = "ann",
            EnvironmentVariables = variables ?? new Dictionary<string, string?>(),
            StageHook = stageHook,
            LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(30),
        });

    public static DeploymentRequest Request(string config, IReadOnlyDictionary<string, string>? policies = null, MemoryTriggers.Configuration.Environment environment = MemoryTriggers.Configuration.Environment.Staging) => new()
    {
        Environment = environment,
        ConfigText = config,
        ConfigSource = "config.yaml",
        PolicyFiles = policies,
        PolicySource = policies is null ? null : "src-policies",
    };

    public string Write(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
