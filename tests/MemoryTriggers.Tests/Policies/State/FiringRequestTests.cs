using MemoryTriggers.Policies.State;

namespace MemoryTriggers.Tests.Policies.State;

public sealed class FiringRequestTests
{
    [Fact]
    public void Defaults_PerRuleCommittedNoLimits()
    {
        var request = new FiringRequest { Rule = "r" };

        Assert.Equal(PolicyStateKey.AnyKey, request.CooldownKey);
        Assert.True(request.Commit);
        Assert.Null(request.Cooldown);
        Assert.Null(request.MaxExecutions);
        Assert.Empty(request.RateCharges);
    }

    [Fact]
    public void PolicyStateKey_FiringsSlotAndAnyKey_AreDistinctFromRateSlots()
    {
        Assert.Equal(-1, PolicyStateKey.Firings);
        Assert.Equal("*", PolicyStateKey.AnyKey);
        Assert.NotEqual(new PolicyStateKey("r", PolicyStateKey.Firings, "*"), new PolicyStateKey("r", 0, "*"));
        Assert.Equal(new PolicyStateKey("r", 0, "k"), new PolicyStateKey("r", 0, "k"));
    }
}
