using System.Globalization;
using MemoryTriggers.Policies.State;

namespace MemoryTriggers.Policies;

/// <summary>
/// <c>rate_limit</c>: true while the rule has fired fewer than <c>rate_limit</c> times for this key
/// (the value of <c>field</c>, or the whole rule) within <c>time_window</c> seconds. Evaluating only
/// looks; a slot is charged when the rule fires, atomically with its other limits.
/// </summary>
internal sealed class RateLimitCondition(PolicyCondition source, string path, FieldPath? field, int slot) : CompiledCondition(source, path)
{
    private readonly int _limit = source.RateLimit ?? 0;
    private readonly TimeSpan _window = TimeSpan.FromSeconds(source.TimeWindow ?? 0);

    public int Slot { get; } = slot;

    /// <inheritdoc/>
    public override bool KeepsPlace => true;

    public RateCharge Charge(in PolicyContext context) => new(Slot, Key(context), _limit, _window);

    protected override bool Test(ref EvalScope scope)
    {
        if (scope.IgnoreRateLimits)
        {
            return !Source.Negate;
        }

        var passed = scope.Rule.State.CountRecent(new PolicyStateKey(scope.Rule.Name, Slot, Key(scope.Context)), _window, scope.Rule.Time.GetUtcNow()) < _limit;
        if (passed && !Source.Negate)
        {
            scope.RateSlotsPassed |= 1UL << Slot;
        }
        else if (!passed)
        {
            scope.RateWindowFull = true;
        }

        return passed;
    }

    protected override (string? Actual, string? Expected) Describe(ref EvalScope scope)
    {
        var count = scope.Rule.State.CountRecent(new PolicyStateKey(scope.Rule.Name, Slot, Key(scope.Context)), _window, scope.Rule.Time.GetUtcNow());
        return (string.Create(CultureInfo.InvariantCulture, $"{count} firings for key {Key(scope.Context)}"), string.Create(CultureInfo.InvariantCulture, $"< {_limit} per {_window.TotalSeconds} s"));
    }

    private string Key(in PolicyContext context) => field is null ? PolicyStateKey.AnyKey : field.Resolve(context).ToKeyText() ?? "(none)";
}
