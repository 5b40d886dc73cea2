using System.Reflection;
using System.Runtime.CompilerServices;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Tests.Configuration;

public sealed class MemoryTriggerConfigTests
{
    public static TheoryData<Type> RecordTypes => new(
        typeof(MemoryTriggerConfig), typeof(PerformanceConfig), typeof(LifecyclePolicyConfig),
        typeof(MonitoringConfig), typeof(BackendConfig), typeof(TriggerPolicyConfig));

    [Theory]
    [MemberData(nameof(RecordTypes))]
    public void Properties_AreInitOnly(Type type)
    {
        var settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } setter
                && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
            .Select(p => p.Name);

        Assert.Empty(settable);
    }

    [Fact]
    public void With_ChangesACopyOnly()
    {
        var original = new MemoryTriggerConfig();

        var changed = original with { Performance = original.Performance with { BatchSize = 7 } };

        Assert.Equal(50, original.Performance.BatchSize);
        Assert.Equal(7, changed.Performance.BatchSize);
        Assert.NotEqual(original, changed);
    }

    [Fact]
    public void Equals_TwoDefaultConfigs_AreEqual() =>
        Assert.Equal(new MemoryTriggerConfig(), new MemoryTriggerConfig());

    [Theory]
    [InlineData(FeatureFlags.AutoRecall, true)]
    [InlineData("no_such_feature", false)]
    public void IsFeatureEnabled_DefaultConfig_KnownOnUnknownOff(string name, bool expected) =>
        Assert.Equal(expected, new MemoryTriggerConfig().IsFeatureEnabled(name));
}
