using FsCheck;
using FsCheck.Fluent;
using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Reload;

namespace MemoryTriggers.Tests.Configuration.Reload;

/// <summary>Whatever bytes land in the configuration file, a reload never throws and never puts anything but a valid configuration in force.</summary>
public sealed class MemoryTriggerConfigManagerPropertyTests
{
    private static readonly LoadOptions s_noVariables = new() { EnvironmentVariables = new Dictionary<string, string?>() };

    [Fact]
    public async Task ReloadNowAsync_ArbitraryBytes_NeverThrowsAndKeepsTheSnapshotUnlessValid()
    {
        using var files = new ConfigWorkspace();
        await using var manager = new MemoryTriggerConfigManager(new MemoryTriggerConfigManagerOptions
        {
            ConfigPath = files.ConfigPath,
            PolicyDirectory = files.PolicyDirectory,
            LoadOptions = s_noVariables,
            Mode = ReloadMode.Manual,
        });
        var valid = File.ReadAllBytes(files.ConfigPath);

        // Raw random bytes, and the valid file with a few bytes changed, cut short or extended.
        var mutated =
            from edits in Gen.Zip(Gen.Choose(0, valid.Length - 1), ArbMap.Default.GeneratorFor<byte>()).ListOf()
            from length in Gen.Choose(0, valid.Length + 8)
            select edits.Aggregate(valid.Concat(new byte[8]).Take(length).ToArray(), (bytes, edit) =>
            {
                if (edit.Item1 < bytes.Length)
                {
                    bytes[edit.Item1] = edit.Item2;
                }

                return bytes;
            });
        var contents = Gen.OneOf(ArbMap.Default.GeneratorFor<byte[]>(), mutated);

        var property = Prop.ForAll(contents.ToArbitrary(), bytes =>
        {
            var before = manager.Current;
            File.WriteAllBytes(files.ConfigPath, bytes);
            var result = manager.ReloadNowAsync().GetAwaiter().GetResult();
            return result.Outcome == ReloadOutcome.Success
                ? ConfigurationLoader.Load(files.ConfigPath, s_noVariables).Valid && ReferenceEquals(result.Snapshot, manager.Current)
                : ReferenceEquals(before, manager.Current) && (result.Outcome == ReloadOutcome.Unchanged || result.Issues.Any(i => i.IsError));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);

        // And it still reloads afterwards.
        files.WriteInPlace(ConfigWorkspace.Config(99));
        var last = await manager.ReloadNowAsync();
        Assert.Equal(ReloadOutcome.Success, last.Outcome);
        Assert.Equal(99, manager.Config.Performance.BatchSize);
    }
}
