using System.Security.Cryptography;
using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Reload;
using MemoryTriggers.Validation;
using MemoryTriggers.Tests.Actions.Executors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Configuration.Reload;

/// <summary>Loading, explicit reloads, polling and the fake clock: everything but the file system watcher.</summary>
public sealed class MemoryTriggerConfigManagerTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ConfigWorkspace _files = new();
    private readonly ReloadMeasurements _metrics = new();
    private readonly FakeTimeProvider _time = new(s_start);

    public void Dispose()
    {
        _metrics.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Constructor_ValidFiles_LoadsTheFirstSnapshot()
    {
        await using var manager = Create();
        var snapshot = manager.Current;

        Assert.Equal(1, snapshot.Version);
        Assert.Equal(10, snapshot.Config.Performance.BatchSize);
        Assert.Equal(["remember_errors"], snapshot.Policies.Rules.Select(r => r.Name));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_files.ConfigPath))), snapshot.ConfigHash);
        Assert.Matches("^[0-9a-f]{64}$", snapshot.ContentHash);
        Assert.NotEqual(snapshot.ConfigHash, snapshot.ContentHash);
        Assert.Equal(s_start, snapshot.LoadedAt);
        Assert.Equal(_files.ConfigPath, snapshot.ConfigPath);
        Assert.Equal(_files.PolicyDirectory, snapshot.PolicyDirectory);
        Assert.Equal([_files.PolicyPath("errors.yaml")], snapshot.PolicyFiles);
        Assert.DoesNotContain(snapshot.Issues, i => i.IsError);
        Assert.InRange(snapshot.PerformanceScore, 0.0, 1.0);
        Assert.Same(snapshot.Config, manager.Config);
        Assert.True(manager.LastReloadSucceeded);
        Assert.Null(manager.LastReloadAt);
        Assert.Equal(1, _metrics.LastReloadSuccessful());
    }

    [Fact]
    public void Constructor_InvalidConfig_ThrowsConfigurationExceptionNamingFileAndLine()
    {
        _files.WriteInPlace(ConfigWorkspace.Config(10).Replace("batch_size: 10", "batch_size: -5", StringComparison.Ordinal));

        var ex = Assert.Throws<ConfigurationException>(() => Create());

        var issue = Assert.Single(ex.Issues);
        Assert.Equal(IssueCodes.Range, issue.Code);
        Assert.Equal(5, issue.Line);
        Assert.Contains(_files.ConfigPath + ":5:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingPolicyDirectory_ThrowsNamingTheDirectory()
    {
        Directory.Delete(_files.PolicyDirectory, recursive: true);

        var ex = Assert.Throws<ConfigurationException>(() => Create());

        var issue = Assert.Single(ex.Issues);
        Assert.Equal(IssueCodes.LoadFailed, issue.Code);
        Assert.Equal(_files.PolicyDirectory, issue.File);
    }

    [Fact]
    public void TryCreate_InvalidPolicy_ReturnsFalseWithTheIssues()
    {
        File.WriteAllText(_files.PolicyPath("broken.yaml"), "rules:\n  broken:\n    conditions: 3\n");

        var created = MemoryTriggerConfigManager.TryCreate(Options(), out var manager, out var issues, timeProvider: _time);

        Assert.False(created);
        Assert.Null(manager);
        Assert.NotEmpty(issues);
        Assert.All(issues, i => Assert.True(i.IsError));
        Assert.Contains(issues, i => i.File == _files.PolicyPath("broken.yaml") && i.Line == 3);
    }

    [Fact]
    public void TryCreate_ValidFiles_ReturnsTheManager()
    {
        var created = MemoryTriggerConfigManager.TryCreate(Options(), out var manager, out var issues, timeProvider: _time);
        using (manager)
        {
            Assert.True(created);
            Assert.NotNull(manager);
            Assert.Empty(issues);
        }
    }

    [Fact]
    public void Constructor_BadOptions_ThrowsNamingTheOption()
    {
        var empty = Assert.Throws<ArgumentException>(() => new MemoryTriggerConfigManager(new MemoryTriggerConfigManagerOptions()));
        Assert.Contains("ConfigPath", empty.Message, StringComparison.Ordinal);

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryTriggerConfigManager(Options(o => o.Debounce = TimeSpan.FromSeconds(-1))));
        Assert.Contains("Debounce", negative.Message, StringComparison.Ordinal);

        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryTriggerConfigManager(Options(o => o.PollInterval = TimeSpan.Zero)));
        Assert.Contains("PollInterval", zero.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Constructor_AutoReloadOrHotReloadingOff_NeitherWatchesNorPolls(bool autoReload, bool hotReloading)
    {
        _files.WriteInPlace(ConfigWorkspace.Config(10, autoReload: autoReload, hotReloading: hotReloading));

        await using var manager = Create(o => o.Mode = ReloadMode.Watch);

        Assert.False(manager.IsWatching);
        Assert.False(manager.IsPolling);
    }

    [Fact]
    public async Task Constructor_WatchMode_WatchesWithTheSafetyPoll()
    {
        await using var manager = Create(o => o.Mode = ReloadMode.Watch);

        Assert.True(manager.IsWatching);
        Assert.True(manager.IsPolling);
    }

    [Fact]
    public async Task ReloadNowAsync_NothingChanged_ReturnsUnchanged()
    {
        await using var manager = Create();
        var before = manager.Current;

        var result = await manager.ReloadNowAsync();

        Assert.Equal(ReloadOutcome.Unchanged, result.Outcome);
        Assert.Same(before, result.Snapshot);
        Assert.Same(before, manager.Current);
        Assert.Equal(1, _metrics.Count("unchanged"));
        Assert.Equal(0, manager.ReloadCount);
    }

    [Fact]
    public async Task ReloadNowAsync_ManualMode_ReloadsOnlyWhenAsked()
    {
        await using var manager = Create(o => o.Mode = ReloadMode.Manual);
        var events = new ReloadEvents(manager);
        Assert.False(manager.IsWatching);
        Assert.False(manager.IsPolling);

        _files.WriteInPlace(ConfigWorkspace.Config(33));
        _time.Advance(TimeSpan.FromMinutes(1));
        var result = await manager.ReloadNowAsync();

        Assert.Equal(ReloadOutcome.Success, result.Outcome);
        Assert.Same(manager.Current, result.Snapshot);
        Assert.Equal(33, manager.Config.Performance.BatchSize);
        Assert.Equal(s_start.AddMinutes(1), manager.Current.LoadedAt);
        Assert.Equal(s_start.AddMinutes(1), manager.LastReloadAt);
        Assert.Equal(ReloadTrigger.Explicit, Assert.Single(events.Reloads).Trigger);
        Assert.Equal(["performance.batch_size"], result.Changes!.ChangedPaths);
    }

    [Fact]
    public async Task ReloadNowAsync_SameBadContentTwice_FailsOnceThenIsUnchanged()
    {
        await using var manager = Create();
        var events = new ReloadEvents(manager);
        _files.WriteInPlace("environment: nowhere\n");

        var first = await manager.ReloadNowAsync();
        var second = await manager.ReloadNowAsync();

        Assert.Equal(ReloadOutcome.Failure, first.Outcome);
        Assert.Contains(first.Issues, i => i.Code == IssueCodes.Enum && i.Line == 1);
        Assert.Equal(ReloadOutcome.Unchanged, second.Outcome);
        Assert.Single(events.Failures);
        Assert.Equal(1, manager.FailedReloadCount);
        Assert.False(manager.LastReloadSucceeded);
    }

    [Fact]
    public async Task ReloadNowAsync_BadEditUndone_RecoversWithoutANewVersion()
    {
        var original = File.ReadAllText(_files.ConfigPath);
        await using var manager = Create();
        _files.WriteInPlace("environment: [");
        Assert.Equal(ReloadOutcome.Failure, (await manager.ReloadNowAsync()).Outcome);
        Assert.Equal(0, _metrics.LastReloadSuccessful());

        _files.WriteInPlace(original);
        var result = await manager.ReloadNowAsync();

        Assert.Equal(ReloadOutcome.Unchanged, result.Outcome);
        Assert.Equal(1, manager.Current.Version);
        Assert.True(manager.LastReloadSucceeded);
        Assert.Null(manager.LastReloadError);
        Assert.Equal(1, _metrics.LastReloadSuccessful());
    }

    [Fact]
    public async Task ReloadNowAsync_ConfigFileDeleted_FailsAndKeepsTheSnapshot()
    {
        await using var manager = Create();
        var before = manager.Current;
        File.Delete(_files.ConfigPath);

        var result = await manager.ReloadNowAsync();

        Assert.Equal(ReloadOutcome.Failure, result.Outcome);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(IssueCodes.LoadFailed, issue.Code);
        Assert.Equal(_files.ConfigPath, issue.File);
        Assert.Same(before, manager.Current);

        _files.WriteInPlace(ConfigWorkspace.Config(15));
        Assert.Equal(ReloadOutcome.Success, (await manager.ReloadNowAsync()).Outcome);
    }

    [Fact]
    public async Task ReloadNowAsync_CommentOnlyEdit_AppliesWithNoEffectiveChange()
    {
        await using var manager = Create();

        _files.WriteInPlace("# reviewed\n" + File.ReadAllText(_files.ConfigPath));
        var result = await manager.ReloadNowAsync();

        Assert.Equal(ReloadOutcome.Success, result.Outcome);
        Assert.False(result.Changes!.HasChanges);
        Assert.Equal("version 1 -> 2: no effective change (comments or formatting only)", result.Changes.ToString());
    }

    [Fact]
    public async Task ReloadNowAsync_UnknownKeyWithValidationStrict_IsRefused()
    {
        await using var manager = Create();

        _files.WriteInPlace(ConfigWorkspace.Config(10, "mystery_setting: 1"));
        var strict = await manager.ReloadNowAsync();
        _files.WriteInPlace(ConfigWorkspace.Config(10, "mystery_setting: 1").Replace("validation_strict: true", "validation_strict: false", StringComparison.Ordinal));
        var lenient = await manager.ReloadNowAsync();

        Assert.Equal(ReloadOutcome.Failure, strict.Outcome);
        Assert.Contains(strict.Issues, i => i.Code == IssueCodes.UnknownKey && i.IsError && i.Path == "mystery_setting");
        Assert.Equal(ReloadOutcome.Success, lenient.Outcome);
        Assert.Contains(lenient.Snapshot.Issues, i => i.Code == IssueCodes.UnknownKey && i.Severity == IssueSeverity.Warning);
    }

    [Fact]
    public async Task ReloadNowAsync_EnvironmentVariableChanged_ReloadsWithTheNewOverride()
    {
        var variables = new Dictionary<string, string?> { ["MEMORY_BATCH_SIZE"] = "40" };
        await using var manager = Create(o => o.LoadOptions = new LoadOptions { EnvironmentVariables = variables });
        Assert.Equal(40, manager.Config.Performance.BatchSize);

        variables["MEMORY_BATCH_SIZE"] = "41";
        var result = await manager.ReloadNowAsync();

        Assert.Equal(ReloadOutcome.Success, result.Outcome);
        Assert.Equal(41, manager.Config.Performance.BatchSize);
        Assert.NotEqual(result.Changes!.OldHash, result.Changes.NewHash);

        variables["MEMORY_BATCH_SIZE"] = "many";
        var bad = await manager.ReloadNowAsync();
        Assert.Equal(ReloadOutcome.Failure, bad.Outcome);
        Assert.Contains(bad.Issues, i => i.Code == IssueCodes.EnvironmentValue && i.Location.Variable == "MEMORY_BATCH_SIZE");
        Assert.Equal(41, manager.Config.Performance.BatchSize);
    }

    [Fact]
    public async Task Polling_ChangedFile_ReloadsOnTheNextTick()
    {
        await using var manager = Create(o =>
        {
            o.Mode = ReloadMode.Polling;
            o.PollInterval = TimeSpan.FromSeconds(5);
        });
        var events = new ReloadEvents(manager);
        Assert.True(manager.IsPolling);
        Assert.False(manager.IsWatching);

        // Ticks over unchanged files are not reload attempts.
        _time.Advance(TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(5));

        _files.WriteInPlace(ConfigWorkspace.Config(21));
        _time.Advance(TimeSpan.FromSeconds(5));
        var first = await events.ReloadAsync(1);

        _files.WriteAtomic(ConfigWorkspace.Config(22));
        _time.Advance(TimeSpan.FromSeconds(5));
        var second = await events.ReloadAsync(2);

        Assert.Equal(ReloadTrigger.Poll, first.Trigger);
        Assert.Equal(s_start.AddSeconds(15), first.Current.LoadedAt);
        Assert.Equal(22, second.Current.Config.Performance.BatchSize);
        Assert.Equal(s_start.AddSeconds(20), second.Current.LoadedAt);
        Assert.Equal(0, _metrics.Count("unchanged"));
        Assert.Equal(2, _metrics.Count("success"));
    }

    [Fact]
    public async Task Polling_BadEditThenFix_FailsOnceThenApplies()
    {
        await using var manager = Create(o =>
        {
            o.Mode = ReloadMode.Polling;
            o.PollInterval = TimeSpan.FromSeconds(1);
        });
        var events = new ReloadEvents(manager);

        _files.WriteInPlace("performance:\n  batch_size: 0\n");
        _time.Advance(TimeSpan.FromSeconds(1));
        var failed = await events.FailureAsync(1);
        _time.Advance(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        _files.WriteInPlace(ConfigWorkspace.Config(9));
        _time.Advance(TimeSpan.FromSeconds(1));
        await events.ReloadAsync(1);

        Assert.Contains(failed.Errors, e => e.Code == IssueCodes.Range && e.Line == 2);
        Assert.Single(events.Failures);
        Assert.Equal(9, manager.Config.Performance.BatchSize);
    }

    [Fact]
    public async Task Watch_Cooldown_DelaysTheNextReloadOnTheClock()
    {
        await using var manager = Create(o =>
        {
            o.Mode = ReloadMode.Watch;
            o.FallbackPollInterval = null;
            o.Debounce = TimeSpan.FromMilliseconds(100);
            o.Cooldown = TimeSpan.FromMinutes(1);
        });
        var events = new ReloadEvents(manager);

        // The constructor's load counts as the last apply, at s_start: the first reload waits out the cooldown too.
        _files.WriteAtomic(ConfigWorkspace.Config(51));
        var first = await AdvanceUntilAsync(events, 1);

        Assert.True(first.Current.LoadedAt >= s_start.AddMinutes(1), $"applied at {first.Current.LoadedAt}");
        Assert.Equal(51, manager.Config.Performance.BatchSize);
    }

    [Fact]
    public async Task ReloadNowAsync_RefusedAndAppliedEdits_AreLoggedWithLocationAndChanges()
    {
        var log = new RecordingLogger();
        await using var manager = new MemoryTriggerConfigManager(Options(), new TypedLogger(log), _time);

        _files.WriteInPlace(ConfigWorkspace.Config(10).Replace("batch_size: 10", "batch_size: lots", StringComparison.Ordinal));
        await manager.ReloadNowAsync();
        _files.WriteInPlace(ConfigWorkspace.Config(11));
        await manager.ReloadNowAsync();

        var loaded = Assert.Single(log.Entries, e => e.EventId.Id == 7800);
        Assert.Equal(LogLevel.Information, loaded.Level);
        var refused = Assert.Single(log.Entries, e => e.EventId.Id == 7802);
        Assert.Equal(LogLevel.Error, refused.Level);
        Assert.Equal(_files.ConfigPath, refused.State["File"]);
        Assert.Equal(5, refused.State["Line"]);
        Assert.Equal(IssueCodes.Type, refused.State["Code"]);
        Assert.Contains("version 1 stays in force", refused.Message, StringComparison.Ordinal);
        var applied = Assert.Single(log.Entries, e => e.EventId.Id == 7801);
        Assert.Contains("version 1 -> 2: config performance.batch_size", applied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_StopsWatchingAndPollingAndRefusesReloads()
    {
        var manager = Create(o => o.Mode = ReloadMode.Watch);
        Assert.True(manager.IsWatching);

        await manager.DisposeAsync();
        manager.Dispose();

        Assert.False(manager.IsWatching);
        Assert.False(manager.IsPolling);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => manager.ReloadNowAsync());
        Assert.Null(_metrics.LastReloadSuccessful());
    }

    [Fact]
    public async Task Manager_WithoutAMeter_OwnsOne()
    {
        await using var manager = Create(o => o.Meter = null);
        _files.WriteInPlace(ConfigWorkspace.Config(17));

        Assert.Equal(ReloadOutcome.Success, (await manager.ReloadNowAsync()).Outcome);
        Assert.Equal(0, _metrics.Count("success"));
    }

    /// <summary>Moves the fake clock a second at a time until the reload arrives: the watcher's events come in real time.</summary>
    private async Task<ConfigReloadedEventArgs> AdvanceUntilAsync(ReloadEvents events, int count)
    {
        var waiting = events.ReloadAsync(count);
        while (!waiting.IsCompleted)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(waiting, Task.Delay(10));
        }

        return await waiting;
    }

    private MemoryTriggerConfigManagerOptions Options(Action<MemoryTriggerConfigManagerOptions>? configure = null)
    {
        var options = new MemoryTriggerConfigManagerOptions
        {
            ConfigPath = _files.ConfigPath,
            PolicyDirectory = _files.PolicyDirectory,
            LoadOptions = new LoadOptions { EnvironmentVariables = new Dictionary<string, string?>() },
            Mode = ReloadMode.Manual,
            Meter = _metrics.Meter,
        };
        configure?.Invoke(options);
        return options;
    }

    private MemoryTriggerConfigManager Create(Action<MemoryTriggerConfigManagerOptions>? configure = null) => new(Options(configure), timeProvider: _time);

    private sealed class TypedLogger(RecordingLogger inner) : ILogger<MemoryTriggerConfigManager>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
