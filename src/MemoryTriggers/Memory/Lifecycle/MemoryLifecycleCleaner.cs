using MemoryTriggers.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryTriggers.Memory.Lifecycle;

/// <summary>
/// Applies the <c>lifecycle</c> section to a memory store: deletes memories past their own expiry
/// time, past their kind's retention or below the quality floor, and archives old survivors.
/// Every memory, archived or not, is judged against the time the run started; the first rule that
/// applies decides:
/// <list type="number">
/// <item><see cref="LifecycleCleanupReason.ExpiredAt"/>: <see cref="MemoryRecord.ExpiresAt"/> is at or before now: delete.</item>
/// <item><see cref="LifecycleCleanupReason.ExpiredRetention"/>: the memory's age (now minus <see cref="MemoryRecord.CreatedAt"/>;
/// updates do not renew it) is at least its kind's retention days (see <see cref="MemoryLifecycleClassifier"/>): delete.</item>
/// <item><see cref="LifecycleCleanupReason.LowQuality"/>: with <c>quality_based_cleanup</c>, the memory has a score below
/// <c>min_quality_for_retention</c> and is at least <see cref="QualityGracePeriod"/> old: delete. Unscored memories are kept.</item>
/// <item><see cref="LifecycleCleanupReason.ArchiveAge"/>: with <c>archival_enabled</c>, the memory is not archived yet and its age
/// is at least <c>archive_after_days</c>: archive it in place (<see cref="IMemoryStore.ArchiveAsync"/>).</item>
/// </list>
/// The store is read in pages through <see cref="IMemoryStore.ListAsync"/>, never all at once, and
/// changed in batches of at most <c>cleanup_batch_size</c>, with cancellation checked before each batch.
/// </summary>
public sealed class MemoryLifecycleCleaner
{
    private const int MinPageSize = 100;

    private readonly IMemoryStore _store;
    private readonly LifecyclePolicyConfig _policy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _pageSize;

    /// <summary>Initializes a new instance of the <see cref="MemoryLifecycleCleaner"/> class.</summary>
    /// <param name="store">The store to clean.</param>
    /// <param name="policy">The lifecycle settings.</param>
    /// <param name="timeProvider">The clock; the system clock if null.</param>
    /// <param name="logger">Where runs are logged; nowhere if null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting the cleaner uses is out of its range (the message names it).</exception>
    public MemoryLifecycleCleaner(IMemoryStore store, LifecyclePolicyConfig policy, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(policy);
        CheckAtLeastOne(policy.DefaultRetentionDays, "lifecycle.default_retention_days");
        CheckAtLeastOne(policy.ImportantMemoryRetentionDays, "lifecycle.important_memory_retention_days");
        CheckAtLeastOne(policy.ErrorMemoryRetentionDays, "lifecycle.error_memory_retention_days");
        CheckAtLeastOne(policy.WorkflowMemoryRetentionDays, "lifecycle.workflow_memory_retention_days");
        CheckAtLeastOne(policy.CleanupIntervalHours, "lifecycle.cleanup_interval_hours");
        CheckAtLeastOne(policy.CleanupBatchSize, "lifecycle.cleanup_batch_size");
        CheckAtLeastOne(policy.ArchiveAfterDays, "lifecycle.archive_after_days");
        if (!(policy.MinQualityForRetention is >= 0.0 and <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy.MinQualityForRetention, "lifecycle.min_quality_for_retention must be between 0 and 1.");
        }

        _store = store;
        _policy = policy;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _pageSize = Math.Max(policy.CleanupBatchSize, MinPageSize);
    }

    /// <summary>
    /// Gets how old a memory must be before a low quality score gets it deleted: one day. A memory is
    /// often scored after it is created, and may be re-scored; the grace period keeps a fresh memory
    /// from being removed on its first, provisional score.
    /// </summary>
    public static TimeSpan QualityGracePeriod { get; } = TimeSpan.FromDays(1);

    /// <summary>Gets the time between automatic runs: <c>cleanup_interval_hours</c>.</summary>
    public TimeSpan Interval => TimeSpan.FromHours(_policy.CleanupIntervalHours);

    /// <summary>Gets the retention of a memory kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The configured retention days of the kind, as a time span.</returns>
    public TimeSpan RetentionOf(MemoryLifecycleKind kind) => TimeSpan.FromDays(kind switch
    {
        MemoryLifecycleKind.Important => _policy.ImportantMemoryRetentionDays,
        MemoryLifecycleKind.Error => _policy.ErrorMemoryRetentionDays,
        MemoryLifecycleKind.Workflow => _policy.WorkflowMemoryRetentionDays,
        _ => _policy.DefaultRetentionDays,
    });

    /// <summary>Decides what cleanup does to one memory at a given time (see the class remarks for the rules).</summary>
    /// <param name="record">The memory.</param>
    /// <param name="now">The time to judge against.</param>
    /// <returns>The action and its reason, or null if the memory is left alone.</returns>
    public LifecycleCleanupItem? Evaluate(MemoryRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var kind = MemoryLifecycleClassifier.Classify(record);
        var age = now - record.CreatedAt;
        LifecycleCleanupReason? reason =
            record.ExpiresAt is { } expiresAt && expiresAt <= now ? LifecycleCleanupReason.ExpiredAt
            : age >= RetentionOf(kind) ? LifecycleCleanupReason.ExpiredRetention
            : _policy.QualityBasedCleanup && record.QualityScore < _policy.MinQualityForRetention && age >= QualityGracePeriod ? LifecycleCleanupReason.LowQuality
            : _policy.ArchivalEnabled && !record.Archived && age >= TimeSpan.FromDays(_policy.ArchiveAfterDays) ? LifecycleCleanupReason.ArchiveAge
            : null;
        return reason is not { } chosen ? null : new LifecycleCleanupItem
        {
            Id = record.Id,
            Action = chosen == LifecycleCleanupReason.ArchiveAge ? LifecycleCleanupAction.Archive : LifecycleCleanupAction.Delete,
            Reason = chosen,
            Kind = kind,
            CreatedAt = record.CreatedAt,
            QualityScore = record.QualityScore,
        };
    }

    /// <summary>
    /// Runs cleanup once, whatever <c>auto_cleanup_enabled</c> says. Batches already done stay done
    /// when the run is cancelled or a store call fails.
    /// </summary>
    /// <param name="dryRun">Whether to only report what would be done, changing nothing.</param>
    /// <param name="cancellationToken">Cancels the run; checked before each batch.</param>
    /// <returns>What was done, or would be done.</returns>
    public async Task<LifecycleCleanupReport> RunAsync(bool dryRun, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var now = _time.GetUtcNow();
        var run = new Run(dryRun);
        var pending = new List<LifecycleCleanupItem>(_policy.CleanupBatchSize);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Deleted memories no longer take a place in the listing, so the next page starts at
                // the number of memories seen minus the number removed; otherwise deleting would skip some.
                var page = await _store.ListAsync(run.Scanned - run.Removed, _pageSize, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                run.Scanned += page.Count;
                foreach (var record in page)
                {
                    if (Evaluate(record, now) is not { } item)
                    {
                        continue;
                    }

                    pending.Add(item);
                    if (pending.Count == _policy.CleanupBatchSize)
                    {
                        await ApplyAsync(pending, run, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            if (pending.Count > 0)
            {
                await ApplyAsync(pending, run, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LifecycleLog.Cancelled(_logger, run.Batches, run.Scanned);
            throw;
        }

        var report = run.ToReport(now, _time.GetElapsedTime(started));
        LifecycleLog.Completed(_logger, report);
        return report;
    }

    /// <summary>
    /// Runs cleanup now and then every <c>cleanup_interval_hours</c> (on a <see cref="PeriodicTimer"/>
    /// of the cleaner's <see cref="TimeProvider"/>) until cancelled. A run that fails is logged and
    /// the loop goes on; a run still going when the next is due delays it rather than overlapping.
    /// Returns at once, touching nothing, when <c>auto_cleanup_enabled</c> is false.
    /// </summary>
    /// <param name="cancellationToken">Stops the loop; the returned task then completes without error.</param>
    /// <returns>A task that completes when the loop stops.</returns>
    public async Task RunPeriodicallyAsync(CancellationToken cancellationToken = default)
    {
        if (!_policy.AutoCleanupEnabled)
        {
            LifecycleLog.AutoCleanupDisabled(_logger);
            return;
        }

        LifecycleLog.AutoCleanupStarted(_logger, Interval);
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            do
            {
                try
                {
                    await RunAsync(dryRun: false, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    LifecycleLog.Failed(_logger, exception, Interval);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal end of the loop.
        }
    }

    private static void CheckAtLeastOne(int value, string field, string paramName = "policy")
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{field} must be at least 1.");
        }
    }

    private async Task ApplyAsync(List<LifecycleCleanupItem> batch, Run run, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var item in batch)
        {
            if (run.DryRun)
            {
                run.Add(item);
                continue;
            }

            var done = item.Action == LifecycleCleanupAction.Archive
                ? await _store.ArchiveAsync(item.Id, cancellationToken).ConfigureAwait(false)
                : await _store.DeleteAsync(item.Id, cancellationToken).ConfigureAwait(false);
            if (done)
            {
                run.Add(item);
            }
            else
            {
                run.AlreadyGone++;
            }

            if (!done || item.Action == LifecycleCleanupAction.Delete)
            {
                run.Removed++;
            }
        }

        run.Batches++;
        LifecycleLog.Batch(_logger, run.Batches, batch.Count, run.DryRun);
        batch.Clear();
    }

    private sealed class Run(bool dryRun)
    {
        private readonly List<LifecycleCleanupItem> _items = [];
        private LifecycleKindCounts _expiredRetention = new();
        private int _expiredAt;
        private int _lowQuality;
        private int _archived;

        public bool DryRun { get; } = dryRun;

        public int Scanned { get; set; }

        public int Removed { get; set; }

        public int Batches { get; set; }

        public int AlreadyGone { get; set; }

        public void Add(LifecycleCleanupItem item)
        {
            switch (item.Reason)
            {
                case LifecycleCleanupReason.ExpiredAt:
                    _expiredAt++;
                    break;
                case LifecycleCleanupReason.ExpiredRetention:
                    _expiredRetention = _expiredRetention.Increment(item.Kind);
                    break;
                case LifecycleCleanupReason.LowQuality:
                    _lowQuality++;
                    break;
                default:
                    _archived++;
                    break;
            }

            if (_items.Count < LifecycleCleanupReport.MaxListedItems)
            {
                _items.Add(item);
            }
        }

        public LifecycleCleanupReport ToReport(DateTimeOffset startedAt, TimeSpan duration) => new()
        {
            DryRun = DryRun,
            StartedAt = startedAt,
            Duration = duration,
            Scanned = Scanned,
            Batches = Batches,
            ExpiredAt = _expiredAt,
            ExpiredRetention = _expiredRetention,
            LowQuality = _lowQuality,
            Archived = _archived,
            AlreadyGone = AlreadyGone,
            Items = ValueList<LifecycleCleanupItem>.From(_items),
        };
    }
}
