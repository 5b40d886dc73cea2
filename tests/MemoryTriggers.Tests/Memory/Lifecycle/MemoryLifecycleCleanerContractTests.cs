using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Lifecycle;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Memory.Lifecycle;

/// <summary>Lifecycle cleanup against a store a subclass opens: the in-memory store and a real SQLite file.</summary>
public abstract class MemoryLifecycleCleanerContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private int _nextId;

    /// <summary>Gets the clock the stores and cleaners use.</summary>
    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Opens a fresh, empty store without deduplication.</summary>
    protected abstract Task<IMemoryStore> OpenStoreAsync(TimeProvider time, Func<string> newId);

    public Task InitializeAsync() => Task.CompletedTask;

    public abstract Task DisposeAsync();

    public static TheoryData<string[], string?, double?, MemoryLifecycleKind, int> Kinds => new()
    {
        { [], null, null, MemoryLifecycleKind.Default, 90 },
        { ["note"], "preference", 0.5, MemoryLifecycleKind.Default, 90 },
        { ["Important"], null, null, MemoryLifecycleKind.Important, 365 },
        { [], null, 0.8, MemoryLifecycleKind.Important, 365 },
        { [], "error", null, MemoryLifecycleKind.Error, 30 },
        { ["workflow", "success"], null, null, MemoryLifecycleKind.Workflow, 180 },
    };

    private Task<IMemoryStore> NewStoreAsync() => OpenStoreAsync(Time, () => "m" + Interlocked.Increment(ref _nextId).ToString("D4", System.Globalization.CultureInfo.InvariantCulture));

    private MemoryLifecycleCleaner Cleaner(IMemoryStore store, LifecyclePolicyConfig? policy = null) =>
        new(store, policy ?? new LifecyclePolicyConfig(), Time);

    private static async Task<string> AddAsync(IMemoryStore store, string content, string[]? tags = null, string? category = null, double? quality = null, TimeSpan? expiresAfter = null) =>
        (await store.CreateAsync(new MemoryDraft
        {
            Content = content,
            Tags = ValueList<string>.From(tags ?? []),
            Category = category,
            QualityScore = quality,
            ExpiresAfter = expiresAfter,
        })).Record.Id;

    private static async Task<IReadOnlyList<MemoryRecord>> AllAsync(IMemoryStore store) => await store.ListAsync(0, int.MaxValue);

    private static async Task<string[]> IdsAsync(IMemoryStore store) => [.. (await AllAsync(store)).Select(r => r.Id)];

    private void SetAge(TimeSpan age) => Time.SetUtcNow(Start + age);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task RunAsync_RetentionBoundary_KeepsDayBeforeDeletesFromRetentionOn(string[] tags, string? category, double? quality, MemoryLifecycleKind kind, int days)
    {
        var store = await NewStoreAsync();
        var id = await AddAsync(store, "remembered", tags, category, quality);
        var cleaner = Cleaner(store);

        SetAge(TimeSpan.FromDays(days - 1));
        var before = await cleaner.RunAsync(dryRun: false);
        SetAge(TimeSpan.FromDays(days));
        var at = await cleaner.RunAsync(dryRun: false);

        Assert.Equal(0, before.Deleted);
        Assert.Equal(1, at.ExpiredRetention[kind]);
        Assert.Equal(1, at.Deleted);
        var item = Assert.Single(at.Items);
        Assert.Equal((id, LifecycleCleanupAction.Delete, LifecycleCleanupReason.ExpiredRetention, kind), (item.Id, item.Action, item.Reason, item.Kind));
        Assert.Empty(await AllAsync(store));
    }

    [Fact]
    public async Task RunAsync_ExpiresAtReached_DeletesThatMemoryOnly()
    {
        var store = await NewStoreAsync();
        var expired = await AddAsync(store, "short-lived", expiresAfter: TimeSpan.FromHours(1));
        var later = await AddAsync(store, "longer-lived", expiresAfter: TimeSpan.FromHours(2));
        await AddAsync(store, "no expiry");

        SetAge(TimeSpan.FromHours(1));
        var report = await Cleaner(store).RunAsync(dryRun: false);

        Assert.Equal((1, 1), (report.ExpiredAt, report.Deleted));
        Assert.Equal(LifecycleCleanupReason.ExpiredAt, Assert.Single(report.Items).Reason);
        Assert.Null(await store.GetAsync(expired));
        Assert.NotNull(await store.GetAsync(later));
        Assert.Equal(2, (await AllAsync(store)).Count);
    }

    [Fact]
    public async Task RunAsync_QualityBelowThreshold_DeletesAndKeepsAtThresholdAndUnscored()
    {
        var store = await NewStoreAsync();
        var low = await AddAsync(store, "low", quality: 0.39);
        var atThreshold = await AddAsync(store, "at threshold", quality: 0.4);
        var unscored = await AddAsync(store, "unscored");
        var zero = await AddAsync(store, "zero", quality: 0.0);

        SetAge(TimeSpan.FromDays(2));
        var report = await Cleaner(store, new LifecyclePolicyConfig { MinQualityForRetention = 0.4 }).RunAsync(dryRun: false);

        Assert.Equal((2, 2), (report.LowQuality, report.Deleted));
        Assert.Equal([low, zero], report.Items.Select(i => i.Id));
        Assert.Equal([atThreshold, unscored], await IdsAsync(store));
    }

    [Fact]
    public async Task RunAsync_LowQualityWithinGracePeriod_KeepsItUntilOneDayOld()
    {
        var store = await NewStoreAsync();
        await AddAsync(store, "provisional score", quality: 0.1);
        var cleaner = Cleaner(store);

        SetAge(MemoryLifecycleCleaner.QualityGracePeriod - TimeSpan.FromSeconds(1));
        var young = await cleaner.RunAsync(dryRun: false);
        SetAge(MemoryLifecycleCleaner.QualityGracePeriod);
        var old = await cleaner.RunAsync(dryRun: false);

        Assert.Equal((0, 1), (young.LowQuality, old.LowQuality));
    }

    [Fact]
    public async Task RunAsync_QualityBasedCleanupOff_KeepsLowQuality()
    {
        var store = await NewStoreAsync();
        await AddAsync(store, "low", quality: 0.1);

        SetAge(TimeSpan.FromDays(2));
        var report = await Cleaner(store, new LifecyclePolicyConfig { QualityBasedCleanup = false }).RunAsync(dryRun: false);

        Assert.Equal(0, report.Affected);
        Assert.Single(await AllAsync(store));
    }

    [Fact]
    public async Task RunAsync_ArchivalBoundary_ArchivesOnceFromArchiveAfterDaysOn()
    {
        var store = await NewStoreAsync();
        var id = await AddAsync(store, "old but kept");
        var cleaner = Cleaner(store, new LifecyclePolicyConfig { ArchivalEnabled = true, ArchiveAfterDays = 10, ArchiveBackend = "local_archive" });

        SetAge(TimeSpan.FromDays(9));
        var before = await cleaner.RunAsync(dryRun: false);
        SetAge(TimeSpan.FromDays(10));
        var at = await cleaner.RunAsync(dryRun: false);
        SetAge(TimeSpan.FromDays(11));
        var again = await cleaner.RunAsync(dryRun: false);

        Assert.Equal((0, 1, 0), (before.Archived, at.Archived, again.Archived));
        Assert.Equal((LifecycleCleanupAction.Archive, LifecycleCleanupReason.ArchiveAge), (at.Items[0].Action, at.Items[0].Reason));
        Assert.Equal(0, at.Deleted);
        Assert.True((await store.GetAsync(id))!.Archived);
        Assert.Single(await store.HistoryAsync(id), c => c.Kind == MemoryChangeKind.Archived);
    }

    [Fact]
    public async Task RunAsync_ArchivalDisabled_LeavesOldMemoriesLive()
    {
        var store = await NewStoreAsync();
        var id = await AddAsync(store, "old");

        SetAge(TimeSpan.FromDays(89));
        var report = await Cleaner(store, new LifecyclePolicyConfig { ArchiveAfterDays = 10 }).RunAsync(dryRun: false);

        Assert.Equal(0, report.Affected);
        Assert.False((await store.GetAsync(id))!.Archived);
    }

    [Fact]
    public async Task RunAsync_ArchivedMemoryPastRetention_IsDeleted()
    {
        var store = await NewStoreAsync();
        var id = await AddAsync(store, "archived long ago");
        await store.ArchiveAsync(id);

        SetAge(TimeSpan.FromDays(90));
        var report = await Cleaner(store, new LifecyclePolicyConfig { ArchivalEnabled = true, ArchiveAfterDays = 10, ArchiveBackend = "x" }).RunAsync(dryRun: false);

        Assert.Equal((1, 0), (report.ExpiredRetention.Default, report.Archived));
        Assert.Null(await store.GetAsync(id));
    }

    [Fact]
    public async Task RunAsync_DryRun_ChangesNothingAndReportsWhatTheRealRunDoes()
    {
        var store = await NewStoreAsync();
        await AddAsync(store, "expires", expiresAfter: TimeSpan.FromDays(1));
        await AddAsync(store, "error", ["error"]);
        await AddAsync(store, "low", quality: 0.1);
        await AddAsync(store, "archive me", quality: 0.6);
        await AddAsync(store, "important", ["important"]);
        var policy = new LifecyclePolicyConfig { ArchivalEnabled = true, ArchiveAfterDays = 31, ArchiveBackend = "x", CleanupBatchSize = 2 };
        SetAge(TimeSpan.FromDays(31));
        var before = await AllAsync(store);

        var dry = await Cleaner(store, policy).RunAsync(dryRun: true);
        var untouched = await AllAsync(store);
        var real = await Cleaner(store, policy).RunAsync(dryRun: false);

        Assert.Equal(before, untouched);
        Assert.True(dry.DryRun);
        Assert.False(real.DryRun);
        Assert.Equal(real, dry with { DryRun = false, Duration = real.Duration });
        Assert.Equal((1, 1, 1, 2, 3), (dry.ExpiredAt, dry.ExpiredRetention.Error, dry.LowQuality, dry.Archived, dry.Batches));
        Assert.Equal(["m0004", "m0005"], (await AllAsync(store)).Select(r => r.Id));
    }

    [Fact]
    public async Task RunAsync_MoreMemoriesThanAPageWithDeletionsBetween_SkipsNone()
    {
        var store = await NewStoreAsync();
        var kept = new List<string>();
        for (var i = 0; i < 250; i++)
        {
            var id = await AddAsync(store, "memory " + i, i % 3 == 0 ? ["error"] : null);
            if (i % 3 != 0)
            {
                kept.Add(id);
            }
        }

        var counting = new CountingMemoryStore(store);
        var policy = new LifecyclePolicyConfig { CleanupBatchSize = 7 };
        SetAge(TimeSpan.FromDays(30));

        var dry = await Cleaner(counting, policy).RunAsync(dryRun: true);
        var real = await Cleaner(counting, policy).RunAsync(dryRun: false);

        Assert.Equal((250, 84, 12), (real.Scanned, real.ExpiredRetention.Error, real.Batches));
        Assert.Equal(kept, await IdsAsync(store));
        Assert.Equal(real, dry with { DryRun = false, Duration = real.Duration });
        Assert.Equal(84, counting.Deletes);
        Assert.InRange(counting.LargestPage, 1, 100);
    }

    [Fact]
    public async Task RunAsync_MemoryDeletedByAnotherWriter_CountsItAsGoneAndSkipsNothing()
    {
        var store = await NewStoreAsync();
        var ids = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            ids.Add(await AddAsync(store, "error " + i, ["error"]));
        }

        var counting = new CountingMemoryStore(store)
        {
            BeforeDelete = async call =>
            {
                if (call == 1)
                {
                    await store.DeleteAsync(ids[5]);
                }
            },
        };
        SetAge(TimeSpan.FromDays(30));

        var report = await Cleaner(counting, new LifecyclePolicyConfig { CleanupBatchSize = 10 }).RunAsync(dryRun: false);

        Assert.Equal((150, 149, 1), (report.Scanned, report.Deleted, report.AlreadyGone));
        Assert.Empty(await AllAsync(store));
    }

    [Fact]
    public async Task RunAsync_BatchSize_ChangesAtMostOneBatchBeforeCheckingCancellation()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 15; i++)
        {
            await AddAsync(store, "memory " + i, i % 3 == 2 ? null : ["error"]);
        }

        using var cancel = new CancellationTokenSource();
        var counting = new CountingMemoryStore(store)
        {
            AfterChange = changes =>
            {
                if (changes == 3)
                {
                    cancel.Cancel();
                }
            },
        };
        var cleaner = Cleaner(counting, new LifecyclePolicyConfig { CleanupBatchSize = 3 });
        SetAge(TimeSpan.FromDays(30));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cleaner.RunAsync(dryRun: false, cancel.Token));
        var deletedBeforeCancel = 15 - (await AllAsync(store)).Count;
        var rest = await Cleaner(store, new LifecyclePolicyConfig { CleanupBatchSize = 3 }).RunAsync(dryRun: false);

        Assert.Equal(3, deletedBeforeCancel);
        Assert.Equal((7, 3), (rest.Deleted, rest.Batches));
        Assert.Equal(5, (await AllAsync(store)).Count);
    }

    [Fact]
    public async Task RunAsync_CancelledBeforeStart_ThrowsAndChangesNothing()
    {
        var store = await NewStoreAsync();
        await AddAsync(store, "error", ["error"]);
        SetAge(TimeSpan.FromDays(30));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Cleaner(store).RunAsync(dryRun: false, new CancellationToken(canceled: true)));

        Assert.Single(await AllAsync(store));
    }

    [Fact]
    public async Task RunAsync_MoreThanMaxListedItems_ListsTheFirstAndCountsAll()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 120; i++)
        {
            await AddAsync(store, "error " + i, ["error"]);
        }

        SetAge(TimeSpan.FromDays(30));
        var report = await Cleaner(store).RunAsync(dryRun: true);

        Assert.Equal((120, LifecycleCleanupReport.MaxListedItems, true), (report.Affected, report.Items.Count, report.ItemsTruncated));
        Assert.Equal("m0001", report.Items[0].Id);
        Assert.Equal(Start + TimeSpan.FromDays(30), report.StartedAt);
    }
}
