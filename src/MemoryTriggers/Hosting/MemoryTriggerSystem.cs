using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Reload;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Hosting;

/// <summary>
/// One process-wide configuration for code without a DI container, as the specification's
/// <c>initialize_config(path)</c> / <c>get_config()</c>: <see cref="Initialize"/> once at start, then
/// <see cref="GetConfig"/> anywhere; the configuration follows good edits of the file (hot reload) and
/// keeps the last good one on bad edits. (<c>MemoryTriggers</c> is the namespace, so the facade has
/// its own name.) Thread-safe.
/// </summary>
public static class MemoryTriggerSystem
{
    private static readonly object Sync = new();
    private static MemoryTriggerConfigManager? s_manager;

    /// <summary>Gets a value indicating whether <see cref="Initialize"/> has been called.</summary>
    public static bool IsInitialized => Volatile.Read(ref s_manager) is not null;

    /// <summary>Loads the configuration (and policies) and starts watching them; replaces (and disposes) an earlier manager.</summary>
    /// <param name="configPath">The configuration file.</param>
    /// <param name="policyDirectory">The policy directory; none if null.</param>
    /// <returns>The config manager.</returns>
    /// <exception cref="ConfigurationException">The files have errors; the exception lists each with its file and line.</exception>
    public static MemoryTriggerConfigManager Initialize(string configPath, string? policyDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configPath);
        var manager = new MemoryTriggerConfigManager(new MemoryTriggerConfigManagerOptions { ConfigPath = configPath, PolicyDirectory = policyDirectory });
        MemoryTriggerConfigManager? previous;
        lock (Sync)
        {
            previous = s_manager;
            Volatile.Write(ref s_manager, manager);
        }

        previous?.Dispose();
        return manager;
    }

    /// <summary>Gets the configuration in force.</summary>
    /// <returns>The configuration.</returns>
    /// <exception cref="InvalidOperationException"><see cref="Initialize"/> was not called.</exception>
    public static MemoryTriggerConfig GetConfig() => GetConfigManager().Config;

    /// <summary>Gets the policies in force.</summary>
    /// <returns>The policy set.</returns>
    /// <exception cref="InvalidOperationException"><see cref="Initialize"/> was not called.</exception>
    public static PolicySet GetPolicies() => GetConfigManager().Policies;

    /// <summary>Gets the config manager, for its reload events and counters.</summary>
    /// <returns>The manager.</returns>
    /// <exception cref="InvalidOperationException"><see cref="Initialize"/> was not called.</exception>
    public static MemoryTriggerConfigManager GetConfigManager() =>
        Volatile.Read(ref s_manager) ?? throw new InvalidOperationException("MemoryTriggerSystem.Initialize(configPath) has not been called.");

    /// <summary>Stops watching and forgets the configuration.</summary>
    public static void Shutdown()
    {
        MemoryTriggerConfigManager? previous;
        lock (Sync)
        {
            previous = s_manager;
            Volatile.Write(ref s_manager, null);
        }

        previous?.Dispose();
    }
}
