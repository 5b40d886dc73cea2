using System.Threading.Channels;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Lifecycle;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Memory.Lifecycle;

/// <summary>The cleaner's settings checks, report text and periodic loop (against the in-memory store).</summary>
public sealed class MemoryLifecycleCleanerTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // Only guards against a hang; the loop is driven by the fake clock, not by waiting.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly FakeTimeProvider _time = new(Start);

    [Theory]
    [InlineData("lifecycle.cleanup_batch_size")]
    [InlineData("lifecycle.cleanup_interval_hours")]
    [InlineData("lifecycle.error_memory_retention_days")]
    public void Constructor_SettingBelowOne_ThrowsNamingIt(string field)
    {
        var policy = field switch
        {
            "lifecycle.cleanup_batch_size" => new LifecyclePolicyConfig { CleanupBatchSize = 0 },
            "lifecycle.cleanup_interval_hours" => new LifecyclePolicyConfig { CleanupIntervalHours = 0 },
            _ => new LifecyclePolicyConfig { ErrorMemoryRetentionDays = -1 },
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryLifecycleCleaner(new InMemoryMemoryStore(_time), policy, _time));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MinQualityOutsideZeroToOne_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryLifecycleCleaner(new InMemoryMemoryStore(_time), new LifecyclePolicyConfig { MinQualityForRetention = 1.5 }, _time));

        Assert.Contains("lifecycle.min_quality_for_retention", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_DryRunReport_SaysWhatWouldHappen()
    {
        var report = new LifecycleCleanupReport
        {
            DryRun = true,
            StartedAt = Start,
            Scanned = 10,
            Batches = 1,
            ExpiredAt = 1,
            ExpiredRetention = new LifecycleKindCounts { Error = 2 },
            LowQuality = 1,
            Archived = 3,
        };

        Assert.Equal(
            "dry run: would delete 4 (expired_at 1, expired_retention 2 [default 0, important 0, error 2, workflow 0], low_quality 1), would archive 3, already gone 0; scanned 10 in 1 batches, 0 ms",
            report.ToString());
        Assert.Equal((4, 7, true), (report.Deleted, report.Affected, report.ItemsTruncated));
    }

    [Fact]
    public async Task RunPeriodicallyAsync_EachInterval_RunsAndSurvivesAFailingRun()
    {
        var inner = new InMemoryMemoryStore(_time);
        var runs = Channel.CreateUnbounded<int>();
        var runCount = 0;
        var store = new CountingMemoryStore(inner)
        {
            BeforeList = offset =>
            {
                if (offset == 0)
                {
                    var run = Interlocked.Increment(ref runCount);
                    runs.Writer.TryWrite(run);
                    if (run == 1)
                    {
                        throw new InvalidOperationException("store unavailable");
                    }
                }

                return Task.CompletedTask;
            },
        };
        var id = (await inner.CreateAsync(new MemoryDraft { Content = "expires", ExpiresAfter = TimeSpan.FromMinutes(30) })).Record.Id;
        var cleaner = new MemoryLifecycleCleaner(store, new LifecyclePolicyConfig { CleanupIntervalHours = 6 }, _time);
        using var stop = new CancellationTokenSource();

        var loop = cleaner.RunPeriodicallyAsync(stop.Token);
        var first = await runs.Reader.ReadAsync().AsTask().WaitAsync(HangGuard);
        _time.Advance(TimeSpan.FromHours(6));
        var second = await runs.Reader.ReadAsync().AsTask().WaitAsync(HangGuard);
        _time.Advance(TimeSpan.FromHours(6));
        var third = await runs.Reader.ReadAsync().AsTask().WaitAsync(HangGuard);
        await stop.CancelAsync();
        await loop.WaitAsync(HangGuard);

        Assert.Equal((1, 2, 3), (first, second, third));
        Assert.Null(await inner.GetAsync(id));
        Assert.True(loop.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task RunPeriodicallyAsync_AutoCleanupDisabled_ReturnsWithoutTouchingTheStore()
    {
        var store = new CountingMemoryStore(new InMemoryMemoryStore(_time));
        var cleaner = new MemoryLifecycleCleaner(store, new LifecyclePolicyConfig { AutoCleanupEnabled = false }, _time);

        var loop = cleaner.RunPeriodicallyAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(3));
        await loop;

        Assert.True(loop.IsCompletedSuccessfully);
        Assert.Equal(0, store.Lists);
    }

    [Fact]
    public async Task RunAsync_AutoCleanupDisabled_StillRunsOnDemand()
    {
        var store = new InMemoryMemoryStore(_time);
        await store.CreateAsync(new MemoryDraft { Content = "e", Tags = ["error"] });
        _time.Advance(TimeSpan.FromDays(30));

        var report = await new MemoryLifecycleCleaner(store, new LifecyclePolicyConfig { AutoCleanupEnabled = false }, _time).RunAsync(dryRun: false);

        Assert.Equal(1, report.ExpiredRetention.Error);
    }
}
