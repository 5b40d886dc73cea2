using MemoryTriggers.Policies.State;
using MemoryTriggers.Policies.Templates;

namespace MemoryTriggers.Policies;

/// <summary>A rule compiled once: conditions, actions in run order, rate-limit slots and cooldown key.</summary>
internal sealed class CompiledRule(PolicyRule rule, int order, RuleRuntime runtime, CompiledCondition[] conditions, CompiledAction[] actions, RateLimitCondition[] rateLimits, Template? cooldownKey)
{
    public PolicyRule Rule { get; } = rule;

    public string Name => Rule.Name;

    /// <summary>Gets the rule's position in file order, the tie-break of equal priorities.</summary>
    public int Order { get; } = order;

    public RuleRuntime Runtime { get; } = runtime;

    public CompiledCondition[] Conditions { get; } = conditions;

    public CompiledAction[] Actions { get; } = actions;

    public RateLimitCondition[] RateLimits { get; } = rateLimits;

    public Template? CooldownKey { get; } = cooldownKey;

    /// <summary>Gets what could not be compiled; a rule with errors never fires.</summary>
    public IReadOnlyList<string> CompileErrors { get; init; } = [];

    /// <summary>Evaluates the conditions; <paramref name="rateSlotsPassed"/> says which rate windows had room.</summary>
    public bool Evaluate(in PolicyContext context, List<ConditionTrace>? trace, out ulong rateSlotsPassed)
    {
        if (CompileErrors.Count > 0)
        {
            rateSlotsPassed = 0;
            return false;
        }

        var scope = new EvalScope(context, Runtime, trace);
        var result = Evaluate(ref scope);
        rateSlotsPassed = scope.RateSlotsPassed;
        return result;
    }

    /// <summary>Tells whether the conditions failed only because a rate window was full: they hold when rate limits are ignored.</summary>
    public bool BlockedOnlyByRateLimit(in PolicyContext context)
    {
        var scope = new EvalScope(context, Runtime, null);
        if (Evaluate(ref scope) || !scope.RateWindowFull)
        {
            return false;
        }

        var ignoring = new EvalScope(context, Runtime, null) { IgnoreRateLimits = true };
        return Evaluate(ref ignoring);
    }

    private bool Evaluate(ref EvalScope scope) => Rule.ConditionOperator == ConditionOperator.Or
        ? CompositeCondition.Any(Conditions, ref scope)
        : CompositeCondition.All(Conditions, ref scope);

    public FiringRequest FiringRequest(in PolicyContext context, ulong rateSlotsPassed, string cooldownKey, DateTimeOffset now, bool commit)
    {
        var charges = new List<RateCharge>(RateLimits.Length);
        foreach (var limit in RateLimits)
        {
            if ((rateSlotsPassed & (1UL << limit.Slot)) != 0)
            {
                charges.Add(limit.Charge(context));
            }
        }

        return new FiringRequest
        {
            Rule = Name,
            CooldownKey = cooldownKey,
            Cooldown = Rule.CooldownPeriod is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : null,
            MaxExecutions = Rule.MaxExecutions,
            RateCharges = charges,
            Now = now,
            Commit = commit,
        };
    }
}
