using MemoryTriggers.Policies.State;
using MemoryTriggers.Policies.Templates;

namespace MemoryTriggers.Policies;

/// <summary>A rule compiled once: conditions, actions in run order, rate-limit slots and cooldown key.</summary>
internal sealed class CompiledRule(PolicyRule rule, int order, RuleRuntime runtime, CompiledCondition[] conditions, CompiledAction[] actions, RateLimitCondition[] rateLimits, Template? cooldownKey)
{
    /// <summary>The reason of a rule whose conditions are false, when there is no explanation to name the condition.</summary>
    public const string ConditionsFalseReason = "the conditions are false";

    private readonly IReadOnlyList<string> _compileErrors = [];
    private readonly bool _any = rule.ConditionOperator == ConditionOperator.Or;
    private readonly CompiledCondition[] _untraced = CompositeCondition.CheapestFirst(conditions);
    private RuleResult? _conditionsFalse;
    private RuleResult? _disabled;

    public PolicyRule Rule { get; } = rule;

    public string Name => Rule.Name;

    /// <summary>Gets the rule's position in file order, the tie-break of equal priorities.</summary>
    public int Order { get; } = order;

    public RuleRuntime Runtime { get; } = runtime;

    public CompiledCondition[] Conditions { get; } = conditions;

    public CompiledAction[] Actions { get; } = actions;

    /// <summary>Gets a value indicating whether an action's parameters read an earlier action's outputs (<c>${actions.TYPE.KEY}</c>), so outputs must be recorded as actions run.</summary>
    public bool UsesActionOutputs { get; } = actions.Any(a => a.Parameters.Placeholders.Any(p => p.Kind == PlaceholderKind.Action));

    public RateLimitCondition[] RateLimits { get; } = rateLimits;

    public Template? CooldownKey { get; } = cooldownKey;

    /// <summary>Gets what could not be compiled; a rule with errors never fires.</summary>
    public IReadOnlyList<string> CompileErrors
    {
        get => _compileErrors;
        init
        {
            _compileErrors = value;
            HasErrors = value.Count > 0;
        }
    }

    /// <summary>Gets the (immutable) result of this rule when its conditions are false and nothing was explained, made once rather than per event.</summary>
    public RuleResult ConditionsFalseResult => _conditionsFalse ??= new() { Rule = Name, Outcome = RuleOutcome.ConditionsFalse, Reason = ConditionsFalseReason };

    /// <summary>Gets the (immutable) result of this rule when it is disabled.</summary>
    public RuleResult DisabledResult => _disabled ??= new() { Rule = Name, Outcome = RuleOutcome.Disabled, Reason = "the rule is disabled" };

    /// <summary>Gets a value indicating whether the rule has compile errors.</summary>
    public bool HasErrors { get; private init; }

    /// <summary>
    /// Gets the conditions to test, without an explanation, when the rule is reached through its bucket of the set's
    /// index: those of the rule without the equality the bucket already guarantees (it is true, and an AND does not
    /// need to test it again), cheapest first. For a rule that is not indexed, all of its conditions.
    /// </summary>
    public CompiledCondition[] BucketConditions { get; private set; } = CompositeCondition.CheapestFirst(conditions);

    /// <summary>Marks the rule as indexed by its condition at <paramref name="keyIndex"/> (a top-level equality of an AND rule).</summary>
    public void IndexedBy(int keyIndex) => BucketConditions = CompositeCondition.CheapestFirst([.. Conditions.Where((_, i) => i != keyIndex)]);

    /// <summary>Evaluates the conditions; <paramref name="rateSlotsPassed"/> says which rate windows had room.</summary>
    /// <param name="context">The context.</param>
    /// <param name="trace">Receives the explanation, or null.</param>
    /// <param name="rateSlotsPassed">A bit per rate-limit slot that passed.</param>
    /// <param name="paths">The evaluation's path cache for <paramref name="context"/>, or null.</param>
    /// <param name="fromBucket">Whether the rule was reached through its bucket of the index (its key equality holds).</param>
    public bool Evaluate(in PolicyContext context, List<ConditionTrace>? trace, out ulong rateSlotsPassed, PathCache? paths = null, bool fromBucket = false)
    {
        if (HasErrors)
        {
            rateSlotsPassed = 0;
            return false;
        }

        var scope = new EvalScope(context, Runtime, trace, paths);
        var result = Evaluate(ref scope, trace is not null ? Conditions : fromBucket ? BucketConditions : _untraced);
        rateSlotsPassed = scope.RateSlotsPassed;
        return result;
    }

    /// <summary>Tells whether the conditions hold, as <see cref="Evaluate(in PolicyContext, List{ConditionTrace}?, out ulong, PathCache?, bool)"/> without trace or rate slots.</summary>
    public bool Matches(in PolicyContext context, PathCache paths, bool fromBucket)
    {
        if (HasErrors)
        {
            return false;
        }

        var scope = new EvalScope(context, Runtime, null, paths);
        return Evaluate(ref scope, fromBucket ? BucketConditions : _untraced);
    }

    /// <summary>Tells whether the conditions failed only because a rate window was full: they hold when rate limits are ignored.</summary>
    public bool BlockedOnlyByRateLimit(in PolicyContext context)
    {
        var scope = new EvalScope(context, Runtime, null);
        if (Evaluate(ref scope, Conditions) || !scope.RateWindowFull)
        {
            return false;
        }

        var ignoring = new EvalScope(context, Runtime, null) { IgnoreRateLimits = true };
        return Evaluate(ref ignoring, Conditions);
    }

    private bool Evaluate(ref EvalScope scope, CompiledCondition[] conditions) => _any
        ? CompositeCondition.Any(conditions, ref scope)
        : CompositeCondition.All(conditions, ref scope);

    public FiringRequest FiringRequest(in PolicyContext context, ulong rateSlotsPassed, string cooldownKey, DateTimeOffset now, bool commit)
    {
        IReadOnlyList<RateCharge> charges = [];
        if (RateLimits.Length > 0)
        {
            var passed = new List<RateCharge>(RateLimits.Length);
            foreach (var limit in RateLimits)
            {
                if ((rateSlotsPassed & (1UL << limit.Slot)) != 0)
                {
                    passed.Add(limit.Charge(context));
                }
            }

            charges = passed;
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
