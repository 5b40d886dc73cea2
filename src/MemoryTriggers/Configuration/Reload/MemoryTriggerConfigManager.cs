using System.Collections.Concurrent;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Policies;
using MemoryTriggers.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryTriggers.Configuration.Reload;

/// <summary>
/// Holds the configuration and the policies as one immutable <see cref="MemoryTriggerSnapshot"/> and, when the
/// configuration has <c>auto_reload: true</c> and <c>features.hot_reloading: true</c>, reloads it when the files change.
/// </summary>
/// <remarks>
/// <para>
/// A reload reads the configuration file and every policy file once, hashes the bytes (with the <c>MEMORY_*</c> variables in
/// effect) and stops if the hash equals the snapshot in force or the last refused edit. Otherwise it runs the same validation
/// pipeline as <see cref="ConfigurationLoader"/> and the policy validator, with environment overrides, and swaps the snapshot
/// only when nothing is an error. A refused edit leaves the last good snapshot in force, raises <see cref="ReloadFailed"/>
/// with the issues (file, line, column) and is logged; an applied one raises <see cref="Reloaded"/> with what changed.
/// </para>
/// <para>
/// Changes are noticed by watching the directories that hold the files (so saves by rename and Kubernetes ConfigMap
/// symlink swaps are seen), debounced by <see cref="MemoryTriggerConfigManagerOptions.Debounce"/>; or by polling. A failed
/// watcher falls back to polling and is restarted. Reloads run one at a time; events are raised in reload order, outside
/// any lock, and a handler that throws is logged and ignored. Readers take <see cref="Current"/> once per unit of work.
/// </para>
/// </remarks>
public sealed class MemoryTriggerConfigManager : IAsyncDisposable, IDisposable
{
    private readonly string _configPath;
    private readonly string? _policyDirectory;
    private readonly LoadOptions _loadOptions;
    private readonly ReloadMode _mode;
    private readonly TimeSpan _debounce;
    private readonly TimeSpan _cooldown;
    private readonly TimeSpan _pollInterval;
    private readonly TimeSpan? _fallbackPollInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReloadMetrics _metrics;

    // One reload at a time; the snapshot, the status and the last refused hash change only inside it.
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Guards the watcher, the timers and the flags below; never held while reloading or raising events.
    private readonly Lock _sync = new();
    private readonly ConcurrentQueue<Action> _notifications = new();

    private MemoryTriggerSnapshot _current;
    private ReloadStatus _status;
    private string? _lastFailedHash;
    private long _lastAppliedTicks;
    private long _reloadCount;
    private long _failedReloadCount;
    private int _dispatching;
    private int _disposed;

    private DirectoryWatch? _watch;
    private ITimer? _debounceTimer;
    private ITimer? _pollTimer;
    private bool _hotReloadOn;
    private bool _eventsSincePoll;
    private bool _restartWatch;
    private bool _announcedOff;

    /// <summary>Initializes a new instance of the <see cref="MemoryTriggerConfigManager"/> class: loads the files and, if the configuration asks for it, starts watching them.</summary>
    /// <param name="options">What to load and how to watch it.</param>
    /// <param name="logger">Where loads and reloads are logged; nowhere if null.</param>
    /// <param name="timeProvider">The clock for the debounce and poll timers and <see cref="MemoryTriggerSnapshot.LoadedAt"/>; the system clock if null.</param>
    /// <exception cref="ConfigurationException">The files cannot be read or have errors; the exception lists every error with its file and line.</exception>
    /// <exception cref="ArgumentException">An option is missing or out of range (the message names it).</exception>
    public MemoryTriggerConfigManager(MemoryTriggerConfigManagerOptions options, ILogger<MemoryTriggerConfigManager>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConfigPath))
        {
            throw new ArgumentException("MemoryTriggerConfigManagerOptions.ConfigPath is required.", nameof(options));
        }

        CheckAtLeast(options.Debounce, TimeSpan.Zero, nameof(options.Debounce), nameof(options));
        CheckAtLeast(options.Cooldown, TimeSpan.Zero, nameof(options.Cooldown), nameof(options));
        CheckAtLeast(options.PollInterval, TimeSpan.FromMilliseconds(1), nameof(options.PollInterval), nameof(options));
        if (options.FallbackPollInterval is { } fallback)
        {
            CheckAtLeast(fallback, TimeSpan.FromMilliseconds(1), nameof(options.FallbackPollInterval), nameof(options));
        }

        if (!Enum.IsDefined(options.Mode))
        {
            throw new ArgumentException($"MemoryTriggerConfigManagerOptions.Mode has the unknown value {options.Mode}.", nameof(options));
        }

        _configPath = Path.GetFullPath(options.ConfigPath);
        _policyDirectory = options.PolicyDirectory is { } directory ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) : null;
        _loadOptions = options.LoadOptions ?? LoadOptions.Default;
        _mode = options.Mode;
        _debounce = options.Debounce;
        _cooldown = options.Cooldown;
        _pollInterval = options.PollInterval;
        _fallbackPollInterval = options.FallbackPollInterval;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;

        var issues = new List<ValidationIssue>();
        var files = ReadFiles(issues);
        var snapshot = files is null ? null : SnapshotLoader.Load(files, _policyDirectory, _loadOptions, 1, _time.GetUtcNow(), issues);
        if (snapshot is null)
        {
            throw new ConfigurationException(issues.Where(i => i.IsError).ToArray());
        }

        _current = snapshot;
        _status = ReloadStatus.Good(null);
        _lastAppliedTicks = snapshot.LoadedAt.UtcTicks;
        _metrics = new ReloadMetrics(options.Meter, () => Volatile.Read(ref _status).Succeeded);
        ReloadLog.Loaded(_logger, _configPath, snapshot.Version, snapshot.ContentHash, snapshot.Policies.Rules.Count);
        lock (_sync)
        {
            UpdateWatchingLocked(snapshot.Config);
        }
    }

    /// <summary>Raised after a reload put a new snapshot in force, in reload order, outside any lock.</summary>
    public event EventHandler<ConfigReloadedEventArgs>? Reloaded;

    /// <summary>Raised after a reload was refused (the last good snapshot stays in force), in reload order, outside any lock.</summary>
    public event EventHandler<ConfigReloadFailedEventArgs>? ReloadFailed;

    /// <summary>Gets the snapshot in force. Take it once per unit of work; it never changes, a reload replaces it.</summary>
    public MemoryTriggerSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Gets the configuration of the snapshot in force.</summary>
    public MemoryTriggerConfig Config => Current.Config;

    /// <summary>Gets the policies of the snapshot in force.</summary>
    public PolicySet Policies => Current.Policies;

    /// <summary>Gets the number of reloads that put a new snapshot in force (the first load is not counted).</summary>
    public long ReloadCount => Interlocked.Read(ref _reloadCount);

    /// <summary>Gets the number of reloads that were refused.</summary>
    public long FailedReloadCount => Interlocked.Read(ref _failedReloadCount);

    /// <summary>Gets a value indicating whether the last reload succeeded; true before any reload, and again once the files match the snapshot in force.</summary>
    public bool LastReloadSucceeded => Volatile.Read(ref _status).Succeeded;

    /// <summary>Gets why the last reload was refused (the error count and the first error with its location), or <see langword="null"/> when it succeeded.</summary>
    public string? LastReloadError => Volatile.Read(ref _status).Error;

    /// <summary>Gets the issues of the last refused reload; empty when the last reload succeeded.</summary>
    public IReadOnlyList<ValidationIssue> LastReloadIssues => Volatile.Read(ref _status).Issues;

    /// <summary>Gets when the last reload that applied or was refused finished, or <see langword="null"/> before the first.</summary>
    public DateTimeOffset? LastReloadAt => Volatile.Read(ref _status).At;

    /// <summary>Gets a value indicating whether file system change events are being watched now.</summary>
    public bool IsWatching
    {
        get
        {
            lock (_sync)
            {
                return _watch is not null;
            }
        }
    }

    /// <summary>Gets a value indicating whether a poll timer is running now (polling mode, the watcher's safety poll, or polling while the watcher cannot run).</summary>
    public bool IsPolling
    {
        get
        {
            lock (_sync)
            {
                return _pollTimer is not null;
            }
        }
    }

    /// <summary>Creates a manager, or gives the reasons the files cannot be loaded instead of throwing.</summary>
    /// <param name="options">What to load and how to watch it.</param>
    /// <param name="manager">The manager, when the files loaded.</param>
    /// <param name="issues">The errors when they did not; empty otherwise.</param>
    /// <param name="logger">Where loads and reloads are logged; nowhere if null.</param>
    /// <param name="timeProvider">The clock; the system clock if null.</param>
    /// <returns>Whether the files loaded.</returns>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public static bool TryCreate(
        MemoryTriggerConfigManagerOptions options,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MemoryTriggerConfigManager? manager,
        out IReadOnlyList<ValidationIssue> issues,
        ILogger<MemoryTriggerConfigManager>? logger = null,
        TimeProvider? timeProvider = null)
    {
        try
        {
            manager = new MemoryTriggerConfigManager(options, logger, timeProvider);
            issues = [];
            return true;
        }
        catch (ConfigurationException ex)
        {
            manager = null;
            issues = ex.Issues;
            return false;
        }
    }

    /// <summary>Reloads now, whatever the mode and the watch settings: reads, hashes, validates and swaps as a watched change would.</summary>
    /// <param name="cancellationToken">Cancels waiting for a reload already running; a reload that started is not interrupted.</param>
    /// <returns>What the reload did. A refused edit is a <see cref="ReloadOutcome.Failure"/> result, never an exception.</returns>
    /// <exception cref="ObjectDisposedException">The manager was disposed.</exception>
    public Task<ReloadResult> ReloadNowAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return ReloadAsync(ReloadTrigger.Explicit, cancellationToken);
    }

    /// <summary>Stops watching and polling and waits for a reload in progress to finish. Events are not raised after this.</summary>
    public void Dispose()
    {
        if (BeginDispose())
        {
            _gate.Wait();
            _gate.Release();
            _metrics.Dispose();
        }
    }

    /// <summary>Stops watching and polling and waits for a reload in progress to finish. Events are not raised after this.</summary>
    /// <returns>A task that completes when the manager is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (BeginDispose())
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            _gate.Release();
            _metrics.Dispose();
        }
    }

    private static void CheckAtLeast(TimeSpan value, TimeSpan minimum, string name, string paramName)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"MemoryTriggerConfigManagerOptions.{name} must be at least {minimum}.");
        }
    }

    private bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    private SourceFiles? ReadFiles(List<ValidationIssue> issues) =>
        SourceFiles.Read(_configPath, _policyDirectory, _loadOptions.EnvironmentVariables ?? EnvironmentOverrides.FromProcess(), issues);

    private async Task<ReloadResult> ReloadAsync(ReloadTrigger trigger, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        ReloadResult result;
        try
        {
            result = ReloadLocked(trigger);
        }
        finally
        {
            _gate.Release();
        }

        RaiseNotifications();
        return result;
    }

    /// <summary>Runs in the gate. Never throws: whatever goes wrong becomes a refused reload.</summary>
    private ReloadResult ReloadLocked(ReloadTrigger trigger)
    {
        var previous = _current;
        var issues = new List<ValidationIssue>();
        string? hash = null;
        MemoryTriggerSnapshot? next = null;
        ConfigChangeSummary? changes = null;
        Exception? unexpected = null;
        try
        {
            var files = ReadFiles(issues);
            if (files is not null)
            {
                hash = files.ContentHash;
                if (hash == previous.ContentHash || hash == _lastFailedHash)
                {
                    return Unchanged(trigger, previous, hash);
                }

                next = SnapshotLoader.Load(files, _policyDirectory, _loadOptions, previous.Version + 1, _time.GetUtcNow(), issues);
                changes = next is null ? null : ChangeSummaryBuilder.Build(previous, next);
            }
        }
#pragma warning disable CA1031 // A bad edit must never take the manager or its timer thread down; the exception is reported with the failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            unexpected = ex;
            issues.Add(new ValidationIssue(IssueSeverity.Error, IssueCodes.LoadFailed, string.Empty, "the reload failed unexpectedly: " + ex.Message)
            {
                Location = new SourceLocation { File = _configPath },
            });
        }

        return next is null || changes is null ? Refuse(trigger, previous, issues, hash, unexpected) : Apply(trigger, previous, next, changes);
    }

    private ReloadResult Unchanged(ReloadTrigger trigger, MemoryTriggerSnapshot current, string hash)
    {
        if (hash == current.ContentHash && !Volatile.Read(ref _status).Succeeded)
        {
            // The refused edit was undone: the files are the ones in force again.
            _lastFailedHash = null;
            Volatile.Write(ref _status, ReloadStatus.Good(_time.GetUtcNow()));
            ReloadLog.Recovered(_logger, _configPath, current.Version);
        }

        // Polls that find nothing new are not reload attempts; counting them would only measure the poll interval.
        if (trigger != ReloadTrigger.Poll)
        {
            _metrics.Record(ReloadOutcome.Unchanged);
            ReloadLog.Unchanged(_logger, _configPath, trigger, hash);
        }

        return new ReloadResult { Outcome = ReloadOutcome.Unchanged, Snapshot = current };
    }

    private ReloadResult Refuse(ReloadTrigger trigger, MemoryTriggerSnapshot current, List<ValidationIssue> issues, string? hash, Exception? unexpected)
    {
        ValidationIssue[] ordered = [.. issues.Where(i => i.IsError), .. issues.Where(i => !i.IsError)];
        var args = new ConfigReloadFailedEventArgs(trigger, current, ordered, hash, unexpected);
        _lastFailedHash = hash;
        Interlocked.Increment(ref _failedReloadCount);
        Volatile.Write(ref _status, new ReloadStatus(false, args.ToString(), ordered, _time.GetUtcNow()));
        _metrics.Record(ReloadOutcome.Failure);
        var first = args.Errors.Count > 0 ? args.Errors[0] : new ValidationIssue(IssueSeverity.Error, IssueCodes.LoadFailed, string.Empty, "the reload failed");
        ReloadLog.ReloadFailed(_logger, unexpected, _configPath, trigger, args.Errors.Count, current.Version, first.File, first.Line, first.Code, first.Path, first.Message,
            string.Join("\n", ordered.Select(i => "  " + i)));
        _notifications.Enqueue(() => Raise(ReloadFailed, args, nameof(ReloadFailed)));
        return new ReloadResult { Outcome = ReloadOutcome.Failure, Snapshot = current, Issues = ordered };
    }

    private ReloadResult Apply(ReloadTrigger trigger, MemoryTriggerSnapshot previous, MemoryTriggerSnapshot next, ConfigChangeSummary changes)
    {
        Volatile.Write(ref _current, next);
        _lastFailedHash = null;
        Interlocked.Increment(ref _reloadCount);
        Volatile.Write(ref _status, ReloadStatus.Good(next.LoadedAt));
        Volatile.Write(ref _lastAppliedTicks, next.LoadedAt.UtcTicks);
        _metrics.Record(ReloadOutcome.Success);
        ReloadLog.Reloaded(_logger, _configPath, trigger, changes);
        lock (_sync)
        {
            UpdateWatchingLocked(next.Config);
        }

        var args = new ConfigReloadedEventArgs(trigger, previous, next, changes);
        _notifications.Enqueue(() => Raise(Reloaded, args, nameof(Reloaded)));
        return new ReloadResult { Outcome = ReloadOutcome.Success, Snapshot = next, Issues = next.Issues, Changes = changes };
    }

    /// <summary>Raises queued events in the order they were queued, one thread at a time, outside the gate and every lock.</summary>
    private void RaiseNotifications()
    {
        while (!_notifications.IsEmpty && Interlocked.CompareExchange(ref _dispatching, 1, 0) == 0)
        {
            try
            {
                while (_notifications.TryDequeue(out var raise))
                {
                    if (!IsDisposed)
                    {
                        raise();
                    }
                }
            }
            finally
            {
                Volatile.Write(ref _dispatching, 0);
            }
        }
    }

    private void Raise<TArgs>(EventHandler<TArgs>? handlers, TArgs args, string name)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<TArgs>>())
        {
            try
            {
                handler(this, args);
            }
#pragma warning disable CA1031 // One subscriber's bug must not stop the others or the manager.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ReloadLog.HandlerFailed(_logger, ex, name);
            }
        }
    }

    /// <summary>Starts, keeps or stops watching and polling for what the configuration in force asks.</summary>
    private void UpdateWatchingLocked(MemoryTriggerConfig config)
    {
        if (IsDisposed)
        {
            return;
        }

        var wanted = _mode != ReloadMode.Manual && config.AutoReload && config.IsFeatureEnabled(FeatureFlags.HotReloading);
        if (!wanted)
        {
            if (_hotReloadOn || !_announcedOff)
            {
                _announcedOff = true;
                var reason = _mode == ReloadMode.Manual ? "the mode is Manual" : !config.AutoReload ? "auto_reload is false" : "features.hot_reloading is false";
                ReloadLog.WatchStopped(_logger, _configPath, reason + "; ReloadNowAsync still reloads");
            }

            _hotReloadOn = false;
            StopLocked();
            return;
        }

        _hotReloadOn = true;
        _announcedOff = false;
        if (_mode == ReloadMode.Watch && _watch is null)
        {
            TryStartWatchLocked();
        }

        SchedulePollLocked(announce: true);
    }

    /// <summary>Arms the poll timer for the current state, or stops it when no poll is wanted.</summary>
    private void SchedulePollLocked(bool announce = false)
    {
        TimeSpan? interval = !_hotReloadOn ? null
            : _mode == ReloadMode.Polling || _watch is null ? _pollInterval
            : _fallbackPollInterval;
        if (interval is not { } due)
        {
            _pollTimer?.Dispose();
            _pollTimer = null;
            return;
        }

        if (_pollTimer is null)
        {
            _pollTimer = _time.CreateTimer(_ => _ = PollAsync(), null, due, Timeout.InfiniteTimeSpan);
            if (announce && _mode == ReloadMode.Polling)
            {
                ReloadLog.PollingStarted(_logger, _configPath, due);
            }
        }
        else
        {
            _pollTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void TryStartWatchLocked()
    {
        var configDirectory = Path.GetDirectoryName(_configPath) ?? _configPath;
        var configName = Path.GetFileName(_configPath);
        var targets = new List<(string, Func<string, bool>, Action)>
        {
            (configDirectory, name => DirectoryWatch.PathComparer.Equals(name, configName) || DirectoryWatch.IsAtomicSwapName(name), OnFileEvent),
        };
        if (_policyDirectory is not null)
        {
            targets.Add((_policyDirectory, name => PolicyLoader.IsPolicyFile(name) || DirectoryWatch.IsAtomicSwapName(name), OnFileEvent));

            // The policy directory itself may be replaced (renamed over, deleted and created); its watch would then be on the old one.
            if (Path.GetDirectoryName(_policyDirectory) is { } parent)
            {
                var policyName = Path.GetFileName(_policyDirectory);
                targets.Add((parent, name => DirectoryWatch.PathComparer.Equals(name, policyName), OnPolicyDirectoryEvent));
            }
        }

        try
        {
            _watch = new DirectoryWatch(targets, OnWatchFailed);
            ReloadLog.WatchStarted(_logger, _configPath, _watch.Directories, _debounce);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            _watch = null;
            ReloadLog.WatchFailed(_logger, ex, configDirectory, _pollInterval);
        }
    }

    private void StopLocked()
    {
        RetireWatchLocked();
        _pollTimer?.Dispose();
        _pollTimer = null;
        _debounceTimer?.Dispose();
        _debounceTimer = null;
    }

    /// <summary>
    /// Drops the watcher and disposes it on the thread pool: never under the lock its own event threads may be waiting
    /// for, and never on its own event thread. Events it still raises meanwhile only cause an unchanged attempt.
    /// </summary>
    private void RetireWatchLocked()
    {
        if (_watch is { } retired)
        {
            _watch = null;
            ThreadPool.QueueUserWorkItem(_ => retired.Dispose());
        }
    }

    private void OnFileEvent()
    {
        lock (_sync)
        {
            if (IsDisposed || !_hotReloadOn)
            {
                return;
            }

            _eventsSincePoll = true;
            _debounceTimer ??= _time.CreateTimer(_ => OnDebounceElapsed(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _debounceTimer.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnPolicyDirectoryEvent()
    {
        lock (_sync)
        {
            _restartWatch = true;
        }

        OnFileEvent();
    }

    private void OnDebounceElapsed()
    {
        lock (_sync)
        {
            if (IsDisposed || !_hotReloadOn)
            {
                return;
            }

            var wait = new DateTimeOffset(Volatile.Read(ref _lastAppliedTicks), TimeSpan.Zero) + _cooldown - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                _debounceTimer?.Change(wait, Timeout.InfiniteTimeSpan);
                return;
            }

            if (_restartWatch && _watch is not null)
            {
                _restartWatch = false;
                RetireWatchLocked();
                TryStartWatchLocked();
                SchedulePollLocked();
            }
        }

        _ = ReloadInBackgroundAsync(ReloadTrigger.FileChange);
    }

    private async Task PollAsync()
    {
        bool watcherWasRunning;
        bool eventsSeen;
        lock (_sync)
        {
            if (IsDisposed || !_hotReloadOn)
            {
                return;
            }

            watcherWasRunning = _watch is not null;
            eventsSeen = _eventsSincePoll;
            _eventsSincePoll = false;
            if (_mode == ReloadMode.Watch && _watch is null)
            {
                TryStartWatchLocked();
            }
        }

        var result = await ReloadInBackgroundAsync(ReloadTrigger.Poll).ConfigureAwait(false);
        lock (_sync)
        {
            if (IsDisposed || !_hotReloadOn)
            {
                return;
            }

            if (result is { Outcome: not ReloadOutcome.Unchanged } && watcherWasRunning && !eventsSeen && _watch is not null)
            {
                ReloadLog.ChangeMissed(_logger, _configPath);
                RetireWatchLocked();
                TryStartWatchLocked();
            }

            SchedulePollLocked();
        }
    }

    private async Task<ReloadResult?> ReloadInBackgroundAsync(ReloadTrigger trigger)
    {
        try
        {
            return await ReloadAsync(trigger, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Runs on a timer thread, where an exception would end the process.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ReloadLog.HandlerFailed(_logger, ex, trigger.ToString());
            return null;
        }
    }

    /// <summary>Handles a watcher's error: polls, and restarts the watcher at the next poll. Internal so tests can simulate an error.</summary>
    internal void OnWatchFailed(string directory, Exception exception)
    {
        lock (_sync)
        {
            if (IsDisposed || !_hotReloadOn)
            {
                return;
            }

            ReloadLog.WatchFailed(_logger, exception, directory, _pollInterval);
            RetireWatchLocked();

            // Polls until the next tick restarts the watcher; events may have been lost, so look now as well.
            SchedulePollLocked();
        }

        OnFileEvent();
    }

    private bool BeginDispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return false;
        }

        DirectoryWatch? watch;
        lock (_sync)
        {
            _hotReloadOn = false;
            watch = _watch;
            _watch = null;
            StopLocked();
        }

        // Outside the lock: the watchers' event threads may be waiting for it.
        watch?.Dispose();
        return true;
    }

    private sealed record ReloadStatus(bool Succeeded, string? Error, IReadOnlyList<ValidationIssue> Issues, DateTimeOffset? At)
    {
        public static ReloadStatus Good(DateTimeOffset? at) => new(true, null, [], at);
    }
}
