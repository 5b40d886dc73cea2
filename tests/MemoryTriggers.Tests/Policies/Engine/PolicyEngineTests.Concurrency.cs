using System.Collections.Concurrent;
using MemoryTriggers.Policies;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;

namespace MemoryTriggers.Tests.Policies.Engine;

/// <summary>Replace under load, limits under concurrent firing, and Match's allocation-free path.</summary>
public sealed partial class PolicyEngineTests
{
    private const int Threads = 8;

    [Fact]
    public void Replace_WhileEvaluating_EveryDecisionSeesExactlyOneVersion()
    {
        // Arrange: each version fires a known set of rules (an indexed pair, an unindexed rule, and a chain target).
        static PolicySet Version(string prefix, int extra) => Set(
        [
            Rule(prefix + "_login", Eq("event_type", "login")),
            Rule(prefix + "_any").Do(Chain(prefix + "_chained", Map(("via", "chain")))),
            Rule(prefix + "_login_user", Eq("event_type", "login"), Exists("user")),
            Rule(prefix + "_chained", Eq("via", "chain")),
            Rule(prefix + "_purchase", Eq("event_type", "purchase")),
            .. Enumerable.Range(0, extra).Select(i => Rule($"{prefix}_extra_{i}", Eq("event_type", "login"))),
        ]);
        var versions = new[] { Version("v1", 0), Version("v2", 3) };
        var expectedCounts = new Dictionary<string, int> { ["v1"] = 4, ["v2"] = 7 };
        var engine = new PolicyEngine(versions[0], TestEngines.Options(time: _time));
        var context = Json("""{"event_type": "login", "user": "u1"}""");
        var failures = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();

        // Act
        var evaluators = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var matched = new List<string>();
            while (!stop.IsCancellationRequested)
            {
                var fired = engine.ExecuteRules(context).FiredRules.ToList();
                matched.Clear();
                engine.Match(context, matched);
                foreach (var names in new[] { fired, matched.Where(n => !n.EndsWith("_chained", StringComparison.Ordinal)).ToList() })
                {
                    var prefixes = names.Select(n => n[..2]).Distinct().ToList();
                    if (prefixes.Count != 1)
                    {
                        failures.Enqueue("mixed: " + string.Join(", ", names));
                        continue;
                    }

                    seen.AddOrUpdate(prefixes[0], 1, (_, n) => n + 1);
                    var expected = expectedCounts[prefixes[0]] - (names == fired ? 0 : 1);
                    if (names.Count != expected)
                    {
                        failures.Enqueue($"expected {expected} rules, got: {string.Join(", ", names)}");
                    }
                }
            }
        })).ToList();
        evaluators.ForEach(t => t.Start());
        for (var i = 0; i < 3000 && failures.IsEmpty; i++)
        {
            engine.Replace(versions[i % 2]);
        }

        stop.Cancel();
        evaluators.ForEach(t => t.Join());

        // Assert
        Assert.Empty(failures);
        Assert.True(seen.ContainsKey("v1") && seen.ContainsKey("v2"), "both versions should have been evaluated");
    }

    [Fact]
    public async Task RateLimit_ConcurrentFiringsOnOneKey_NeverExceedTheLimit()
    {
        var engine = Engine(Rule("r", Rate(5, 3600, "user")).Do(Log("r")));

        var fired = await FireConcurrently(engine, _ => """{"user": "same"}""", perThread: 50);

        Assert.Equal(5, fired);
        Assert.Equal(5, _executor.Requests.Count);
    }

    [Fact]
    public async Task RateLimit_ConcurrentFiringsOnManyKeys_EachKeyGetsExactlyItsLimit()
    {
        var engine = Engine(Rule("r", Rate(2, 3600, "user")).Do(Action(PolicyActionType.LogEvent, ("label", "${user}"))));

        var fired = await FireConcurrently(engine, i => $$"""{"user": "u{{i % 40}}"}""", perThread: 120);

        Assert.Equal(80, fired);
        Assert.All(_executor.Labels.GroupBy(l => l), g => Assert.Equal(2, g.Count()));
        Assert.Equal(40, _executor.Labels.Distinct().Count());
    }

    [Fact]
    public async Task MaxExecutions_ConcurrentFirings_NeverExceedTheCap()
    {
        var engine = Engine(Rule("r").Do(Log("r")) with { MaxExecutions = 3 });

        var fired = await FireConcurrently(engine, _ => "{}", perThread: 50);

        Assert.Equal(3, fired);
    }

    [Fact]
    public async Task Cooldown_ConcurrentFiringsPerKey_FireOncePerKey()
    {
        var engine = Engine(Rule("r").Do(Log("r")) with { CooldownPeriod = 3600, CooldownKey = "${user}" });

        var fired = await FireConcurrently(engine, i => $$"""{"user": "u{{i % 10}}"}""", perThread: 40);

        Assert.Equal(10, fired);
    }

    [Fact]
    public async Task RateLimitWithMaxExecutions_ConcurrentFirings_ChargeBothAtomically()
    {
        // max_executions 4 with a window of 6: if a firing were counted without being charged (or the reverse), the numbers would drift.
        var engine = Engine(Rule("r", Rate(6, 3600)).Do(Log("r")) with { MaxExecutions = 4 });

        var fired = await FireConcurrently(engine, _ => "{}", perThread: 30);

        Assert.Equal(4, fired);
        var trace = Assert.Single(engine.ExecuteRules(Json("{}"), new EvaluationOptions { Explain = true, IncludeUnmatched = true }).Only("r").Conditions!);
        Assert.Equal("4 firings for key *", trace.Actual);
    }

    [Fact]
    public void Match_NoRuleMatches_AllocatesNothingForADictionaryContext()
    {
        var engine = Engine(AllocationRules());
        var contexts = new PolicyContext[]
        {
            Dict("""{"event_type": "login", "user": {"tier": "free"}, "attempts": 3, "source": "test", "region": "us", "score": 5, "flag": true}"""),
            Dict("""{"event_type": "unknown", "amount": 500, "severity": "high"}"""),
            Dict("""{"event_type": "error", "severity": "low", "tags": ["a", "b"]}"""),
            Dict("""{"event_type": 42}"""),
            Dict("""{}"""),
        };

        AssertNoAllocations(engine, contexts);
    }

    [Fact]
    public void Match_NoRuleMatches_AllocatesNothingForAJsonContext()
    {
        var engine = Engine(AllocationRules());
        var contexts = new PolicyContext[]
        {
            Json("""{"event_type": "login", "user": {"tier": "free"}, "attempts": 3, "source": "test", "region": "us", "score": 5, "flag": true}"""),
            Json("""{"event_type": "unknown", "amount": 500, "severity": "high"}"""),
            Json("""{"event_type": "error", "severity": "low", "tags": ["a", "b"]}"""),
            Json("""{"event_type": "purchase", "amount": 5}"""),
            Json("""{"event_type": null}"""),
            Json("""{"event_type": 42, "user": {"tier": "gold"}}"""),
            Json("""{}"""),
        };

        AssertNoAllocations(engine, contexts);
    }

    [Fact]
    public void Match_NoRuleMatchesAmongManyEventTypes_AllocatesNothingForAJsonContext()
    {
        var rules = Enumerable.Range(0, 40).Select(i => Rule("rule_" + i, Eq("event_type", "type_" + i), Eq("user.tier", "gold"))).ToArray();
        var engine = Engine(rules);
        var contexts = new PolicyContext[]
        {
            Json("""{"event_type": "type_7", "user": {"tier": "free"}}"""),
            Json("""{"event_type": "type_39", "user": {"tier": "free"}}"""),
            Json("""{"event_type": "other"}"""),
        };

        AssertNoAllocations(engine, contexts);
    }

    [Fact]
    public void Match_NoRuleMatchesAmongManyEventTypes_AllocatesNothingForADictionaryContext()
    {
        var rules = Enumerable.Range(0, 40).Select(i => Rule("rule_" + i, Eq("event_type", "type_" + i), Eq("user.tier", "gold"))).ToArray();
        var engine = Engine(rules);
        var contexts = new PolicyContext[]
        {
            Dict("""{"event_type": "type_7", "user": {"tier": "free"}}"""),
            Dict("""{"event_type": "other"}"""),
        };

        AssertNoAllocations(engine, contexts);
    }

    private static PolicyRule[] AllocationRules() =>
    [
        Rule("login_gold", Eq("event_type", "login"), Eq("user.tier", "gold")),
        Rule("big_purchase", Eq("event_type", "purchase"), Gt("amount", 100)),
        Rule("severe_error", Eq("event_type", "error"), In("severity", "high", "critical")),
        Rule("eu_prod", Ne("source", "test"), Eq("region", "eu")),
        Rule("x_or_score", Or(Eq("event_type", "x"), Between("score", 1, 2))),
        Rule("deleted", Exists("deleted"), Not(Eq("flag", true))),
        Rule("login_negative", Eq("event_type", "login"), Lt("attempts", 0)),
        Rule("disabled_login", Eq("event_type", "login")) with { Enabled = false },
        Rule("not_listed", NotIn("event_type", "login", "error", "purchase", "unknown", "x"), Exists("event_type"), Exists("nothing")),
    ];

    private static void AssertNoAllocations(PolicyEngine engine, PolicyContext[] contexts)
    {
        var matched = new List<string>();
        for (var i = 0; i < 2_000; i++)
        {
            foreach (var context in contexts)
            {
                engine.Match(context, matched);
            }
        }

        Assert.Empty(matched);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            foreach (var context in contexts)
            {
                engine.Match(context, matched);
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(matched);
        Assert.True(allocated == 0, $"Match allocated {allocated} bytes over {10_000 * contexts.Length} calls");
    }

    private static async Task<int> FireConcurrently(PolicyEngine engine, Func<int, string> json, int perThread)
    {
        using var start = new Barrier(Threads);
        var fired = 0;
        // Dedicated threads: eight blocked at the barrier would starve a small thread pool.
        var workers = Enumerable.Range(0, Threads).Select(_ => Task.Factory.StartNew(
            async () =>
            {
                start.SignalAndWait();
                for (var i = 0; i < perThread; i++)
                {
                    var decision = await engine.ExecuteRulesAsync(TestContexts.Json(json(i)));
                    Interlocked.Add(ref fired, decision.FiredRules.Count());
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap());

        await Task.WhenAll(workers);
        return fired;
    }
}
