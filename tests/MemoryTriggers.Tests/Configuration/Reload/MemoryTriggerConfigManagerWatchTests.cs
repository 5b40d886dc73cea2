using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Reload;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Tests.Configuration.Reload;

/// <summary>
/// Hot reload through real <see cref="FileSystemWatcher"/>s on real files: every way a file gets replaced, bad edits, fixes,
/// bursts of edits and unchanged content. The safety poll is off, so each reload here was started by a change event.
/// </summary>
public sealed class MemoryTriggerConfigManagerWatchTests : IDisposable
{
    private readonly ConfigWorkspace _files = new();
    private readonly ReloadMeasurements _metrics = new();

    public void Dispose()
    {
        _metrics.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Watch_InPlaceEdit_AppliesNewSnapshotWithSummary()
    {
        await using var manager = Create();
        var events = new ReloadEvents(manager);
        var first = manager.Current;
        Assert.True(manager.IsWatching);

        _files.WriteInPlace(ConfigWorkspace.Config(25));
        var reloaded = await events.ReloadAsync(1);

        Assert.Equal(ReloadTrigger.FileChange, reloaded.Trigger);
        Assert.Same(first, reloaded.Previous);
        Assert.Same(manager.Current, reloaded.Current);
        Assert.Equal(25, manager.Config.Performance.BatchSize);
        Assert.Equal(2, manager.Current.Version);
        Assert.Equal(["performance.batch_size"], reloaded.Changes.ChangedPaths);
        Assert.Equal(first.ContentHash, reloaded.Changes.OldHash);
        Assert.Equal(manager.Current.ContentHash, reloaded.Changes.NewHash);
        Assert.Equal((1, 2), (reloaded.Changes.OldVersion, reloaded.Changes.NewVersion));
        Assert.Equal(1, manager.ReloadCount);
        Assert.True(manager.LastReloadSucceeded);
        Assert.Equal(1, _metrics.Count("success"));
        Assert.Equal(1, _metrics.LastReloadSuccessful());
    }

    [Fact]
    public async Task Watch_AtomicRenameOverTheFile_Reloads()
    {
        await using var manager = Create();
        var events = new ReloadEvents(manager);

        _files.WriteAtomic(ConfigWorkspace.Config(31));
        await events.ReloadAsync(1);

        Assert.Equal(31, manager.Config.Performance.BatchSize);

        // The watch is on the directory, so the file that replaced the original is watched as well.
        _files.WriteAtomic(ConfigWorkspace.Config(32));
        await events.ReloadAsync(2);
        Assert.Equal(32, manager.Config.Performance.BatchSize);
    }

    [Fact]
    public async Task Watch_ConfigMapDataSymlinkSwap_Reloads()
    {
        // The layout kubelet gives a ConfigMap volume: config.yaml -> ..data/config.yaml, ..data -> a timestamped directory,
        // and an update that renames a new ..data symlink over the old one.
        var mount = Path.Combine(_files.Root, "configmap");
        Directory.CreateDirectory(mount);
        WriteVersion(mount, "..2026_01_01_00_00_00.000000001", ConfigWorkspace.Config(10));
        File.CreateSymbolicLink(Path.Combine(mount, "..data"), "..2026_01_01_00_00_00.000000001");
        File.CreateSymbolicLink(Path.Combine(mount, "config.yaml"), "..data/config.yaml");
        await using var manager = Create(Path.Combine(mount, "config.yaml"), policies: false);
        var events = new ReloadEvents(manager);

        WriteVersion(mount, "..2026_01_01_00_00_00.000000002", ConfigWorkspace.Config(44));
        File.CreateSymbolicLink(Path.Combine(mount, "..data_tmp"), "..2026_01_01_00_00_00.000000002");
        await RenameOverAsync(Path.Combine(mount, "..data_tmp"), Path.Combine(mount, "..data"));
        Directory.Delete(Path.Combine(mount, "..2026_01_01_00_00_00.000000001"), recursive: true);
        var reloaded = await events.ReloadAsync(1);

        Assert.Equal(ReloadTrigger.FileChange, reloaded.Trigger);
        Assert.Equal(44, manager.Config.Performance.BatchSize);
    }

    [Fact]
    public async Task Watch_BadEdit_KeepsLastGoodSnapshotAndRaisesReloadFailedWithLine()
    {
        await using var manager = Create();
        var events = new ReloadEvents(manager);
        var good = manager.Current;

        _files.WriteAtomic(ConfigWorkspace.Config(10).Replace("batch_size: 10", "batch_size: lots", StringComparison.Ordinal));
        var failed = await events.FailureAsync(1);

        Assert.Same(good, manager.Current);
        Assert.Same(good, failed.Current);
        var error = Assert.Single(failed.Errors);
        Assert.Equal(IssueCodes.Type, error.Code);
        Assert.Equal("performance.batch_size", error.Path);
        Assert.Equal(_files.ConfigPath, error.File);
        Assert.Equal(5, error.Line);
        Assert.False(manager.LastReloadSucceeded);
        Assert.Contains("config.yaml:5:", manager.LastReloadError, StringComparison.Ordinal);
        Assert.Equal(failed.Issues, manager.LastReloadIssues);
        Assert.Equal(1, manager.FailedReloadCount);
        Assert.Equal(0, manager.ReloadCount);
        Assert.Equal(1, _metrics.Count("failure"));
        Assert.Equal(0, _metrics.LastReloadSuccessful());
    }

    [Fact]
    public async Task Watch_FixAfterBadEdit_AppliesTheFix()
    {
        await using var manager = Create();
        var events = new ReloadEvents(manager);

        _files.WriteAtomic("environment: testing\nperformance: [not, a, mapping\n");
        var failed = await events.FailureAsync(1);
        Assert.Contains(failed.Errors, e => e.Code == IssueCodes.YamlSyntax && e.Line is not null);
        Assert.Equal(1, manager.Current.Version);

        _files.WriteAtomic(ConfigWorkspace.Config(12));
        var reloaded = await events.ReloadAsync(1);

        Assert.Equal(12, manager.Config.Performance.BatchSize);
        Assert.Equal(2, reloaded.Current.Version);
        Assert.True(manager.LastReloadSucceeded);
        Assert.Null(manager.LastReloadError);
        Assert.Empty(manager.LastReloadIssues);
        Assert.Equal(1, _metrics.LastReloadSuccessful());
    }

    [Fact]
    public async Task Watch_TwentyEditsInARow_AllAppliedInOrder()
    {
        await using var manager = Create();
        var events = new ReloadEvents(manager);

        for (var i = 1; i <= 20; i++)
        {
            var text = ConfigWorkspace.Config(100 + i);
            if (i % 2 == 0)
            {
                _files.WriteAtomic(text);
            }
            else
            {
                _files.WriteInPlace(text);
            }

            await events.UntilAsync(_ => manager.Config.Performance.BatchSize == 100 + i, $"batch_size {100 + i}");
        }

        var reloads = events.Reloads;
        Assert.Equal(20, reloads.Count);
        Assert.Equal(Enumerable.Range(101, 20), reloads.Select(r => r.Current.Config.Performance.BatchSize));
        Assert.Equal(Enumerable.Range(2, 20).Select(v => (long)v), reloads.Select(r => r.Current.Version));
        Assert.All(reloads.Skip(1).Zip(reloads), pair => Assert.Same(pair.Second.Current, pair.First.Previous));
        Assert.Empty(events.Failures);
        Assert.Equal(20, manager.ReloadCount);
    }

    [Fact]
    public async Task Watch_SameContentRewritten_DoesNotReload()
    {
        await using var manager = Create();
        var events = new ReloadEvents(manager);
        var before = manager.Current;

        // Atomically, so no reader can see a half-written file; then a touch for good measure.
        _files.WriteAtomic(File.ReadAllText(_files.ConfigPath));
        File.SetLastWriteTimeUtc(_files.ConfigPath, DateTime.UtcNow.AddMinutes(1));
        await _metrics.OutcomeAsync("unchanged");

        Assert.Same(before, manager.Current);
        Assert.Empty(events.All);
        Assert.Equal(0, manager.ReloadCount);
        Assert.Equal(0, _metrics.Count("success"));
    }

    [Fact]
    public async Task Watch_PolicyDirectoryEdits_ReloadPolicies()
    {
        await using var manager = Create();
        var events = new ReloadEvents(manager);
        Assert.Equal(["remember_errors"], manager.Policies.Rules.Select(r => r.Name));

        _files.WriteAtomic(ConfigWorkspace.Policy("remember_feedback", "feedback"), _files.PolicyPath("feedback.yaml"));
        var added = await events.ReloadAsync(1);
        Assert.Equal(["remember_feedback"], added.Changes.PoliciesAdded);
        Assert.Empty(added.Changes.ChangedPaths);

        _files.WriteInPlace(ConfigWorkspace.Policy("remember_errors", "error", "Error: ${message}"), _files.PolicyPath("errors.yaml"));
        var changed = await events.ReloadAsync(2);
        Assert.Equal(["remember_errors"], changed.Changes.PoliciesChanged);

        File.Delete(_files.PolicyPath("feedback.yaml"));
        var removed = await events.ReloadAsync(3);
        Assert.Equal(["remember_feedback"], removed.Changes.PoliciesRemoved);

        var rule = Assert.Single(manager.Policies.Rules);
        Assert.Equal("Error: ${message}", rule.Actions[0].Parameters["content"]);
        Assert.Equal([_files.PolicyPath("errors.yaml")], manager.Current.PolicyFiles);
    }

    [Fact]
    public async Task Watch_PolicyDirectoryReplacedByRename_WatchesTheNewDirectory()
    {
        await using var manager = Create();
        var events = new ReloadEvents(manager);

        // A deploy that builds the new directory beside the old one and swaps them by renames.
        var staged = _files.PolicyDirectory + ".new";
        Directory.CreateDirectory(staged);
        File.WriteAllText(Path.Combine(staged, "alerts.yaml"), ConfigWorkspace.Policy("remember_alerts", "alert"));
        Directory.Move(_files.PolicyDirectory, _files.PolicyDirectory + ".old");
        Directory.Move(staged, _files.PolicyDirectory);
        await events.UntilAsync(_ => Names(manager) == "remember_alerts", "the swapped-in policies");

        // Edits inside the new directory are seen: the watch moved to it.
        _files.WriteAtomic(ConfigWorkspace.Policy("remember_pages", "page"), _files.PolicyPath("pages.yaml"));
        await events.UntilAsync(_ => Names(manager) == "remember_alerts,remember_pages", "the policy added to the new directory");
        Assert.Equal(ReloadTrigger.FileChange, events.Reloads[^1].Trigger);

        static string Names(MemoryTriggerConfigManager m) => string.Join(",", m.Policies.Rules.Select(r => r.Name));
    }

    [Fact]
    public async Task Watch_BadPolicyEdit_KeepsOldPoliciesAndNamesTheFileAndLine()
    {
        await using var manager = Create();
        var events = new ReloadEvents(manager);
        var good = manager.Current;

        _files.WriteAtomic("rules:\n  broken:\n    conditions:\n      - type: no_such_condition\n    actions: []\n", _files.PolicyPath("broken.yaml"));
        var failed = await events.FailureAsync(1);

        Assert.Same(good, manager.Current);
        Assert.Contains(failed.Errors, e => e.File == _files.PolicyPath("broken.yaml") && e.Line is > 0);
        Assert.Equal(["remember_errors"], manager.Policies.Rules.Select(r => r.Name));
    }

    [Fact]
    public async Task Watch_EnvironmentOverride_StillAppliesAfterReload()
    {
        var variables = new Dictionary<string, string?> { ["MEMORY_BATCH_SIZE"] = "42" };
        await using var manager = Create(variables: variables);
        var events = new ReloadEvents(manager);
        Assert.Equal(42, manager.Config.Performance.BatchSize);

        _files.WriteAtomic(ConfigWorkspace.Config(10, "max_memory_operations_per_second: 77"));
        var reloaded = await events.ReloadAsync(1);

        Assert.Equal(42, manager.Config.Performance.BatchSize);
        Assert.Equal(77, manager.Config.MaxMemoryOperationsPerSecond);
        Assert.Equal(["max_memory_operations_per_second"], reloaded.Changes.ChangedPaths);
    }

    [Fact]
    public async Task Watch_EditTurningHotReloadOff_StopsWatching()
    {
        await using var manager = Create();
        var events = new ReloadEvents(manager);

        _files.WriteAtomic(ConfigWorkspace.Config(10, hotReloading: false));
        await events.ReloadAsync(1);

        Assert.False(manager.IsWatching);
        Assert.False(manager.IsPolling);
        Assert.Contains("features.hot_reloading", events.Reloads[0].Changes.ChangedPaths);

        // Explicit reloads still work and turn watching back on.
        _files.WriteAtomic(ConfigWorkspace.Config(11));
        var result = await manager.ReloadNowAsync();
        Assert.Equal(ReloadOutcome.Success, result.Outcome);
        Assert.True(manager.IsWatching);
    }

    [Fact]
    public async Task Watch_AfterWatcherError_RestartsAndKeepsReloading()
    {
        await using var manager = Create(pollInterval: TimeSpan.FromMilliseconds(100));
        var events = new ReloadEvents(manager);

        manager.OnWatchFailed(_files.Root, new InternalBufferOverflowException("simulated overflow"));
        await WaitUntilAsync(() => manager.IsWatching, "the watcher to restart");
        _files.WriteInPlace(ConfigWorkspace.Config(27));
        await events.UntilAsync(_ => manager.Config.Performance.BatchSize == 27, "batch_size 27");

        _files.WriteAtomic(ConfigWorkspace.Config(28));
        await events.UntilAsync(_ => manager.Config.Performance.BatchSize == 28, "batch_size 28");
        Assert.Empty(events.Failures);
    }

    [Fact]
    public async Task ReloadNowAsync_ConcurrentWithWatcherAndEdits_EventsFormOneChain()
    {
        await using var manager = Create();
        var events = new ReloadEvents(manager);

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                _files.WriteAtomic(ConfigWorkspace.Config(300 + (w * 10) + i));
                var result = await manager.ReloadNowAsync();
                Assert.NotEqual(ReloadOutcome.Failure, result.Outcome);
                Assert.InRange(manager.Current.Version, result.Snapshot.Version, long.MaxValue);
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await manager.ReloadNowAsync();

        // Events may still be on their way from another thread's dispatch; every applied reload raises one.
        await events.UntilAsync(e => e.OfType<ConfigReloadedEventArgs>().Count() == manager.ReloadCount, "an event per applied reload");
        var reloads = events.Reloads;
        Assert.Empty(events.Failures);
        Assert.NotEmpty(reloads);
        Assert.All(reloads.Skip(1).Zip(reloads), pair =>
        {
            Assert.Same(pair.Second.Current, pair.First.Previous);
            Assert.Equal(pair.Second.Current.Version + 1, pair.First.Current.Version);
        });
        var onDisk = File.ReadAllText(_files.ConfigPath);
        Assert.Contains($"batch_size: {manager.Config.Performance.BatchSize}\n", onDisk, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_HandlerThrows_ManagerCarriesOn()
    {
        await using var manager = Create();
        manager.Reloaded += (_, _) => throw new InvalidOperationException("a subscriber's bug");
        var events = new ReloadEvents(manager);

        _files.WriteAtomic(ConfigWorkspace.Config(13));
        await events.ReloadAsync(1);
        _files.WriteAtomic(ConfigWorkspace.Config(14));
        await events.ReloadAsync(2);

        Assert.Equal(14, manager.Config.Performance.BatchSize);
    }

    private static void WriteVersion(string mount, string name, string text)
    {
        Directory.CreateDirectory(Path.Combine(mount, name));
        File.WriteAllText(Path.Combine(mount, name, "config.yaml"), text);
    }

    /// <summary>
    /// rename(2) of a symlink over a symlink, as kubelet does; File.Move follows a symlink to a directory and refuses it,
    /// so this uses mv with -T (treat the destination as a name, not a directory to move into).
    /// </summary>
    private static async Task RenameOverAsync(string source, string destination)
    {
        var start = new System.Diagnostics.ProcessStartInfo("mv") { ArgumentList = { "-T", source, destination }, RedirectStandardError = true };
        using var mv = System.Diagnostics.Process.Start(start)!;
        var error = await mv.StandardError.ReadToEndAsync();
        await mv.WaitForExitAsync();
        Assert.True(mv.ExitCode == 0, "mv -T failed: " + error);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(ReloadEvents.Timeout);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited {ReloadEvents.Timeout} for {what}.");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    private MemoryTriggerConfigManager Create(string? configPath = null, bool policies = true, Dictionary<string, string?>? variables = null, TimeSpan? pollInterval = null) =>
        new(new MemoryTriggerConfigManagerOptions
        {
            ConfigPath = configPath ?? _files.ConfigPath,
            PolicyDirectory = policies ? _files.PolicyDirectory : null,
            LoadOptions = new LoadOptions { EnvironmentVariables = variables ?? [] },
            Debounce = TimeSpan.FromMilliseconds(100),
            FallbackPollInterval = null,
            PollInterval = pollInterval ?? MemoryTriggerConfigManagerOptions.DefaultPollInterval,
            Meter = _metrics.Meter,
        });
}
