using MemoryTriggers.Policies.State;

namespace MemoryTriggers.Tests.Policies.State;

public sealed class InMemoryPolicyStateStoreTests
{
    private static readonly DateTimeOffset T0 = new(2024, 7, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly InMemoryPolicyStateStore _store = new();

    [Fact]
    public void Constructor_CapacityBelowSixteen_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryPolicyStateStore(15));
        Assert.Equal(16, new InMemoryPolicyStateStore(16).Capacity);
        Assert.Equal(100_000, new InMemoryPolicyStateStore().Capacity);
    }

    [Fact]
    public void TryFire_NoLimits_AllowsAndKeepsNothing()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(FiringDecision.Allowed, _store.TryFire(new FiringRequest { Rule = "r", Now = T0 }));
        }

        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public void TryFire_Cooldown_BlocksUntilThePeriodHasPassed()
    {
        var request = new FiringRequest { Rule = "r", Cooldown = TimeSpan.FromSeconds(30), Now = T0 };

        Assert.Equal(FiringDecision.Allowed, _store.TryFire(request));
        Assert.Equal(FiringDecision.Cooldown, _store.TryFire(request with { Now = T0.AddSeconds(29.999) }));
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(request with { Now = T0.AddSeconds(30) }));
        Assert.Equal(FiringDecision.Cooldown, _store.TryFire(request with { Now = T0.AddSeconds(59) }));
    }

    [Fact]
    public void TryFire_MaxExecutions_CapsForever()
    {
        var request = new FiringRequest { Rule = "r", MaxExecutions = 3, Now = T0 };

        var decisions = Enumerable.Range(0, 5).Select(i => _store.TryFire(request with { Now = T0.AddDays(i * 100) })).ToList();

        Assert.Equal([FiringDecision.Allowed, FiringDecision.Allowed, FiringDecision.Allowed, FiringDecision.MaxExecutions, FiringDecision.MaxExecutions], decisions);
    }

    [Fact]
    public void TryFire_MaxExecutionsZero_NeverAllows() =>
        Assert.Equal(FiringDecision.MaxExecutions, _store.TryFire(new FiringRequest { Rule = "r", MaxExecutions = 0, Now = T0 }));

    [Fact]
    public void TryFire_CooldownKeysAndRules_AreIndependent()
    {
        var request = new FiringRequest { Rule = "r", CooldownKey = "u1", MaxExecutions = 1, Now = T0 };

        Assert.Equal(FiringDecision.Allowed, _store.TryFire(request));
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(request with { CooldownKey = "u2" }));
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(request with { Rule = "s" }));
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(request with { CooldownKey = PolicyStateKey.AnyKey }));
        Assert.Equal(FiringDecision.MaxExecutions, _store.TryFire(request));
    }

    [Fact]
    public void TryFire_RateCharge_AtMostLimitPerWindowThenSlides()
    {
        var request = Charged(T0, new RateCharge(0, "k", 2, TimeSpan.FromSeconds(60)));

        Assert.Equal(FiringDecision.Allowed, _store.TryFire(request));
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(request with { Now = T0.AddSeconds(10) }));
        Assert.Equal(FiringDecision.RateLimited, _store.TryFire(request with { Now = T0.AddSeconds(59) }));
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(request with { Now = T0.AddSeconds(60) }));
        Assert.Equal(FiringDecision.RateLimited, _store.TryFire(request with { Now = T0.AddSeconds(69) }));
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(request with { Now = T0.AddSeconds(70) }));
    }

    [Fact]
    public void CountRecent_CountsChargesWithinTheWindowOnly()
    {
        var key = new PolicyStateKey("r", 0, "k");
        var window = TimeSpan.FromSeconds(60);
        _store.TryFire(Charged(T0, new RateCharge(0, "k", 5, window)));
        _store.TryFire(Charged(T0.AddSeconds(30), new RateCharge(0, "k", 5, window)));

        Assert.Equal(0, _store.CountRecent(new PolicyStateKey("r", 0, "other"), window, T0));
        Assert.Equal(2, _store.CountRecent(key, window, T0.AddSeconds(59)));
        Assert.Equal(1, _store.CountRecent(key, window, T0.AddSeconds(60)));
        Assert.Equal(0, _store.CountRecent(key, window, T0.AddSeconds(90)));
        Assert.Equal(2, _store.CountRecent(key, TimeSpan.FromHours(1), T0.AddSeconds(90)));
    }

    [Fact]
    public void TryFire_SlotsAndKeys_HaveSeparateWindows()
    {
        var window = TimeSpan.FromSeconds(60);
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(Charged(T0, new RateCharge(0, "a", 1, window))));

        Assert.Equal(FiringDecision.Allowed, _store.TryFire(Charged(T0, new RateCharge(1, "a", 1, window))));
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(Charged(T0, new RateCharge(0, "b", 1, window))));
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(Charged(T0, new RateCharge(0, "a", 1, window)) with { Rule = "other" }));
        Assert.Equal(FiringDecision.RateLimited, _store.TryFire(Charged(T0, new RateCharge(0, "a", 1, window))));
    }

    [Fact]
    public void TryFire_OneFullWindow_BlocksAndChargesNoneOfTheOthers()
    {
        var window = TimeSpan.FromSeconds(60);
        _store.TryFire(Charged(T0, new RateCharge(1, "user", 1, window)));

        var decision = _store.TryFire(Charged(T0, new RateCharge(0, "*", 10, window), new RateCharge(1, "user", 1, window)));

        Assert.Equal(FiringDecision.RateLimited, decision);
        Assert.Equal(0, _store.CountRecent(new PolicyStateKey("r", 0, "*"), window, T0));
    }

    [Fact]
    public void TryFire_BlockedByAnyLimit_RecordsNothing()
    {
        var window = TimeSpan.FromSeconds(600);
        var request = Charged(T0, new RateCharge(0, "k", 10, window)) with { MaxExecutions = 5, Cooldown = TimeSpan.FromSeconds(60) };
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(request));

        Assert.Equal(FiringDecision.Cooldown, _store.TryFire(request with { Now = T0.AddSeconds(1) }));
        Assert.Equal(FiringDecision.Cooldown, _store.TryFire(request with { Now = T0.AddSeconds(2) }));

        Assert.Equal(1, _store.CountRecent(new PolicyStateKey("r", 0, "k"), window, T0.AddSeconds(3)));
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(request with { Now = T0.AddSeconds(60) }));
    }

    [Fact]
    public void TryFire_RateLimited_DoesNotCountAnExecutionOrStartACooldown()
    {
        var window = TimeSpan.FromSeconds(60);
        var request = Charged(T0, new RateCharge(0, "k", 1, window)) with { MaxExecutions = 2, Cooldown = TimeSpan.FromSeconds(5) };
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(request));

        Assert.Equal(FiringDecision.RateLimited, _store.TryFire(request with { Now = T0.AddSeconds(10) }));
        Assert.Equal(FiringDecision.RateLimited, _store.TryFire(request with { Now = T0.AddSeconds(20) }));

        Assert.Equal(FiringDecision.Allowed, _store.TryFire(request with { Now = T0.AddSeconds(60) }));
        Assert.Equal(FiringDecision.MaxExecutions, _store.TryFire(request with { Now = T0.AddSeconds(200) }));
    }

    [Fact]
    public void TryFire_WithoutCommit_DecidesButRecordsNothing()
    {
        var window = TimeSpan.FromSeconds(60);
        var request = Charged(T0, new RateCharge(0, "k", 1, window)) with { MaxExecutions = 1, Cooldown = TimeSpan.FromSeconds(60), Commit = false };

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(FiringDecision.Allowed, _store.TryFire(request));
        }

        Assert.Equal(0, _store.Count);
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(request with { Commit = true }));
        Assert.Equal(FiringDecision.MaxExecutions, _store.TryFire(request));
    }

    [Fact]
    public void TryFire_LimitRaisedForAnExistingWindow_StillCountsEveryEarlierFiring()
    {
        // rate_limit edited from 2 to 4 (Replace) while the window still holds two firings: only two more fit.
        var window = TimeSpan.FromSeconds(100);
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(Charged(T0, new RateCharge(0, "k", 2, window))));
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(Charged(T0.AddSeconds(10), new RateCharge(0, "k", 2, window))));

        var raised = Enumerable.Range(2, 4).Select(i => _store.TryFire(Charged(T0.AddSeconds(i * 10), new RateCharge(0, "k", 4, window)))).ToList();

        Assert.Equal([FiringDecision.Allowed, FiringDecision.Allowed, FiringDecision.RateLimited, FiringDecision.RateLimited], raised);
        Assert.Equal(4, _store.CountRecent(new PolicyStateKey("r", 0, "k"), window, T0.AddSeconds(50)));
    }

    [Fact]
    public void TryFire_LimitLoweredForAnExistingWindow_KeepsTheNewestFirings()
    {
        // A window of 4 fired at 0, 10, 20, 30, then 101, 111, 121: the ring has wrapped and its newest firing (121) is in its last used slot.
        var window = TimeSpan.FromSeconds(100);
        foreach (var second in new[] { 0, 10, 20, 30, 101, 111, 121 })
        {
            Assert.Equal(FiringDecision.Allowed, _store.TryFire(Charged(T0.AddSeconds(second), new RateCharge(0, "k", 4, window))));
        }

        // rate_limit edited from 4 to 2: at 215 s only 121 is in the window, so one firing fits, and then the window is full.
        Assert.Equal(FiringDecision.Allowed, _store.TryFire(Charged(T0.AddSeconds(215), new RateCharge(0, "k", 2, window))));
        Assert.Equal(FiringDecision.RateLimited, _store.TryFire(Charged(T0.AddSeconds(216), new RateCharge(0, "k", 2, window))));
        Assert.Equal(2, _store.CountRecent(new PolicyStateKey("r", 0, "k"), window, T0.AddSeconds(216)));
    }

    [Fact]
    public void TryFire_Concurrently_NeverExceedsTheLimits()
    {
        var window = TimeSpan.FromHours(1);
        var request = Charged(T0, new RateCharge(0, "k", 7, window)) with { MaxExecutions = 10 };
        var capped = new FiringRequest { Rule = "capped", MaxExecutions = 10, Now = T0 };
        var allowedRate = 0;
        var allowedCapped = 0;
        using var start = new Barrier(8);

        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 200; i++)
            {
                if (_store.TryFire(request) == FiringDecision.Allowed)
                {
                    Interlocked.Increment(ref allowedRate);
                }

                if (_store.TryFire(capped) == FiringDecision.Allowed)
                {
                    Interlocked.Increment(ref allowedCapped);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(7, allowedRate);
        Assert.Equal(10, allowedCapped);
    }

    [Fact]
    public void Eviction_OverCapacity_DropsExpiredStateFirst()
    {
        var store = new InMemoryPolicyStateStore(16);
        for (var i = 0; i < 10; i++)
        {
            store.TryFire(Charged(T0, new RateCharge(0, "short-" + i, 1, TimeSpan.FromSeconds(1))));
        }

        var later = T0.AddMinutes(1);
        for (var i = 0; i < 10; i++)
        {
            store.TryFire(Charged(later, new RateCharge(0, "long-" + i, 1, TimeSpan.FromHours(1))));
        }

        Assert.True(store.Count <= 16, $"{store.Count} keys held");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(1, store.CountRecent(new PolicyStateKey("r", 0, "long-" + i), TimeSpan.FromHours(1), later));
        }
    }

    [Fact]
    public void Eviction_OverCapacity_DropsTheLeastRecentlyUsed()
    {
        var store = new InMemoryPolicyStateStore(16);
        var window = TimeSpan.FromDays(1);
        for (var i = 0; i < 40; i++)
        {
            store.TryFire(Charged(T0.AddSeconds(i), new RateCharge(0, "k" + i, 1, window)));
        }

        var now = T0.AddSeconds(40);
        Assert.InRange(store.Count, 1, 16);
        Assert.Equal(1, store.CountRecent(new PolicyStateKey("r", 0, "k39"), window, now));
        Assert.Equal(0, store.CountRecent(new PolicyStateKey("r", 0, "k0"), window, now));
    }

    [Fact]
    public void Eviction_EvictedKey_StartsAfresh()
    {
        var store = new InMemoryPolicyStateStore(16);
        var capped = new FiringRequest { Rule = "r", CooldownKey = "first", MaxExecutions = 1, Now = T0 };
        Assert.Equal(FiringDecision.Allowed, store.TryFire(capped));

        for (var i = 0; i < 20; i++)
        {
            store.TryFire(capped with { CooldownKey = "other-" + i, Now = T0.AddSeconds(i + 1) });
        }

        Assert.Equal(FiringDecision.Allowed, store.TryFire(capped with { Now = T0.AddSeconds(30) }));
    }

    [Fact]
    public void TryFire_NullRequest_Throws() =>
        Assert.Throws<ArgumentNullException>(() => _store.TryFire(null!));

    private static FiringRequest Charged(DateTimeOffset now, params RateCharge[] charges) =>
        new() { Rule = "r", RateCharges = charges, Now = now };
}
