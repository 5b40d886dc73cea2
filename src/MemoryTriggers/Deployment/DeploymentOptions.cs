using System.Reflection;

namespace MemoryTriggers.Deployment;

/// <summary>How a <see cref="DeploymentRoot"/> works: clock, user, environment overrides for validation, and the lock wait.</summary>
public sealed record DeploymentOptions
{
    /// <summary>Gets the clock for version and audit times.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the user recorded in versions and audit entries.</summary>
    public string User { get; init; } = System.Environment.UserName;

    /// <summary>
    /// Gets the environment variables applied as overrides when validating and comparing configurations;
    /// <see langword="null"/> reads the process environment (tests pass a dictionary).
    /// </summary>
    public IReadOnlyDictionary<string, string?>? EnvironmentVariables { get; init; }

    /// <summary>Gets how long an operation waits for another one to release the root's lock before it gives up.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the tool version written into versions and backup bundles.</summary>
    public string ToolVersion { get; init; } = DefaultToolVersion();

    /// <summary>Gets a hook called at each stage of a write ("version-written", "live-written", "committed"); tests throw from it to model a crash.</summary>
    internal Action<string>? StageHook { get; init; }

    private static string DefaultToolVersion()
    {
        var assembly = typeof(DeploymentOptions).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
