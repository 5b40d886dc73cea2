using System.Globalization;
using System.Text;
using MemoryTriggers.Actions.Executors;
using MemoryTriggers.Compare.Harness;
using MemoryTriggers.Memory;
using MemoryTriggers.Policies;
using MemoryTriggers.Policies.State;

namespace MemoryTriggers.Compare.Ours;

/// <summary>
/// The product-only stateful scenario (issue 6 §3): rules with <c>rate_limit</c> 5 per 60 s keyed on a subject
/// field, <c>cooldown_period</c> 30 s and <c>max_executions</c> 3 with <c>cooldown_key</c> on that subject, over a
/// stream of 10,000 distinct subject keys, with actions really executed (not a dry run).
/// </summary>
/// <remarks>
/// <para>
/// The rule set is built here as YAML (one rule per event type found in the stream, each with
/// <c>equals type</c> + the rate limit, and the limits above; actions <c>create_memory</c>, <c>trigger_alert</c> and
/// <c>execute_webhook</c>) and loaded through the product's loader and validator. The events are the stream's own
/// JSON lines with one field added, <c>bench_subject</c>. Keys are dealt per event type, round robin, so that each of
/// the 10,000 keys belongs to one type and so to one rule: the state of a key is the state of one rule for that key.
/// </para>
/// <para>
/// The actions run against an <see cref="InMemoryMemoryStore"/> (deduplication off: its duplicate check is a linear
/// scan meant for tests, which would measure the test store rather than the engine), a
/// <see cref="RecordingAlertSink"/> and a <see cref="RecordingWebhookSender"/>. The engine's clock is a
/// <see cref="SimulatedClock"/> that advances 2 ms per event, so a key comes back about every 10,000 events, 20
/// simulated seconds, and the limits play out identically at any real speed: a key fires, meets its cooldown on its
/// next visit, fires again on the one after, and after its third firing meets max_executions. (With a 30 s cooldown
/// a key cannot fire more than twice a minute, so the 5-per-minute rate limit is checked on every firing but never
/// binds.)
/// </para>
/// </remarks>
internal static class StatefulScenario
{
    /// <summary>The number of distinct subject keys.</summary>
    public const int Keys = 10_000;

    private const string SubjectField = "bench_subject";
    private const int MinEvents = 30_000;
    private const int RateLimit = 5;
    private const int TimeWindowSeconds = 60;
    private const int CooldownSeconds = 30;
    private const int MaxExecutions = 3;
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(2);

    /// <summary>Runs the scenario and adds its figures to the session's result.</summary>
    public static void Run(HarnessSession<JsonEvent> session)
    {
        var extra = session.Result.Extra;
        var seconds = session.Options.MeasureSeconds;
        Progress(session, "stateful scenario: building the events and rules");
        var types = session.Events
            .Select(e => e.Root.TryGetProperty("type", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String ? t.GetString()! : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (types.Length == 0)
        {
            throw new InvalidDataException("stateful scenario: no event has a string 'type' field");
        }

        var (events, keysSeen, allSeenAt) = WithSubjects(session, types);
        try
        {
            var set = PolicyFiles.LoadValidText(Yaml(types), "stateful scenario rules (built in code)");
            CheckActionsRun(set, events);

            Progress(session, "stateful scenario: throughput");
            WarmUp(session, set, events, Math.Min(0.5, seconds / 4));

            var world = new World(set, events);
            var measured = session.MeasureThroughput((_, _) => world.Step(), seconds);
            extra["stateful_eps"] = measured.EventsPerSecond;
            extra["stateful_events"] = measured.Events;
            extra["stateful_fired"] = world.Fired;
            extra["stateful_cooldown"] = world.Cooldown;
            extra["stateful_max_executions"] = world.MaxExecutionsHeld;
            extra["stateful_rate_limited"] = world.RateLimited;
            extra["stateful_failed_actions"] = world.FailedActions;

            // The state is measured once every key has been seen: go on (untimed) until then if the timed loop stopped short.
            while (world.Processed <= allSeenAt)
            {
                world.Step();
            }

            var (maxPerKey, violations) = CheckLimits(world);
            extra["stateful_keys"] = keysSeen;
            extra["stateful_max_fires_per_key"] = maxPerKey;
            extra["stateful_limit_violations"] = violations;

            Progress(session, "stateful scenario: state bytes per key");
            extra["stateful_state_entries"] = world.State!.Count;
            var stateBytes = RetainedByEngine(world) - RetainedByEngine(new World(set, events));
            extra["stateful_state_bytes_per_key"] = (double)stateBytes / keysSeen;
            GC.KeepAlive(world);
        }
        finally
        {
            foreach (var item in events)
            {
                item.Dispose();
            }
        }
    }

    /// <summary>Runs the scenario untimed on a world of its own, so the timed world starts afresh with the code jitted.</summary>
    private static void WarmUp(HarnessSession<JsonEvent> session, PolicySet set, List<JsonEvent> events, double seconds)
    {
        var world = new World(set, events);
        session.MeasureThroughput((_, _) => world.Step(), seconds);
    }

    /// <summary>
    /// The bytes that dropping the engine and its state store frees: the settled heap size with them alive, minus the
    /// same after dropping them. The memory store and the recording sinks stay referenced by the world, so what they
    /// hold is not counted.
    /// </summary>
    private static long RetainedByEngine(World world)
    {
        var alive = SettledHeapBytes();
        world.DropEngine();
        var dropped = SettledHeapBytes();
        GC.KeepAlive(world);
        return alive - dropped;
    }

    /// <summary>
    /// <see cref="GC.GetTotalMemory"/> after a full, blocking collection, read again until two readings agree within
    /// 4 KB (at most 10 times): what the runtime frees on its own after a collection (the array pool trims its buffers
    /// then) would otherwise show up as noise of a megabyte or so.
    /// </summary>
    private static long SettledHeapBytes()
    {
        var previous = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 10; i++)
        {
            var current = GC.GetTotalMemory(forceFullCollection: true);
            if (Math.Abs(current - previous) < 4096)
            {
                return current;
            }

            previous = current;
        }

        return previous;
    }

    /// <summary>
    /// The stream's events with <c>bench_subject</c> added: 10,000 keys dealt round robin within each event type; the
    /// number of keys dealt, and the index of the event by which every one of them has appeared. Only the first
    /// <see cref="MinEvents"/> events are used (more if the keys need them): the loop cycles through them, and a key
    /// comes back every 10,000 events or so whatever the length of the stream.
    /// </summary>
    private static (List<JsonEvent> Events, int KeysSeen, int AllSeenAt) WithSubjects(HarnessSession<JsonEvent> session, string[] types)
    {
        var typeIndex = types.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i, StringComparer.Ordinal);
        var dealt = new int[types.Length];
        var seen = new HashSet<int>();
        var allSeenAt = 0;
        var subjects = new string[session.Events.Count];
        for (var i = 0; i < subjects.Length; i++)
        {
            var root = session.Events[i].Root;
            if (root.TryGetProperty(SubjectField, out _))
            {
                throw new InvalidDataException($"stateful scenario: event {i} already has a '{SubjectField}' field");
            }

            if (root.TryGetProperty("type", out var type) && type.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                // Keys n with n % T == t belong to type t; each type deals its own keys in turn.
                var t = typeIndex[type.GetString()!];
                var keysOfType = (Keys - t + types.Length - 1) / types.Length;
                var key = t + (types.Length * (dealt[t]++ % keysOfType));
                allSeenAt = seen.Add(key) ? i : allSeenAt;
                subjects[i] = "s" + key.ToString("D5", CultureInfo.InvariantCulture);
            }
            else
            {
                subjects[i] = "s-none";
            }
        }

        var count = Math.Min(subjects.Length, Math.Max(MinEvents, allSeenAt + 1));
        var events = new List<JsonEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var line = session.Lines[i].TrimEnd();
            if (!line.EndsWith('}'))
            {
                throw new InvalidDataException($"stateful scenario: event {i} is not a one-line JSON object");
            }

            events.Add(JsonEvent.Parse(string.Concat(line.AsSpan(0, line.Length - 1), $",\"{SubjectField}\":\"{subjects[i]}\"}}")));
        }

        return (events, seen.Count, allSeenAt);
    }

    private static string Yaml(string[] types)
    {
        var yaml = new StringBuilder("rules:\n");
        for (var i = 0; i < types.Length; i++)
        {
            var name = "stateful_" + i.ToString("D2", CultureInfo.InvariantCulture);
            var subject = "${" + SubjectField + "}";
            yaml.Append(CultureInfo.InvariantCulture, $$"""
                  {{name}}:
                    description: "stateful scenario, event type {{types[i]}}"
                    conditions:
                      - { type: equals, field: type, value: "{{types[i]}}" }
                      - { type: rate_limit, field: {{SubjectField}}, rate_limit: {{RateLimit}}, time_window: {{TimeWindowSeconds}} }
                    cooldown_period: {{CooldownSeconds}}
                    cooldown_key: "{{subject}}"
                    max_executions: {{MaxExecutions}}
                    actions:
                      - type: create_memory
                        parameters:
                          content: "${type} event for {{subject}}"
                          user_id: "{{subject}}"
                          tags: [bench, stateful]
                      - type: trigger_alert
                        parameters:
                          alert_type: bench
                          urgency: low
                          message: "{{name}} fired for {{subject}}"
                          data: { subject: "{{subject}}" }
                      - type: execute_webhook
                        parameters:
                          url: "http://127.0.0.1:9/stateful"
                          data: { rule: "${rule.name}", subject: "{{subject}}", at: "${timestamp}" }

                """);
        }

        return yaml.ToString();
    }

    /// <summary>Fails loudly, before anything is timed, if the first event's actions do not all succeed.</summary>
    private static void CheckActionsRun(PolicySet set, List<JsonEvent> events)
    {
        var world = new World(set, events);
        var decision = world.Engine!.ExecuteRules(events[0].Context);
        var fired = decision.Results.Where(r => r.Fired).ToArray();
        var actions = fired.SelectMany(r => r.Actions).ToArray();
        if (fired.Length != 1 || actions.Length != 3 || actions.Any(a => a.Status != ActionStatus.Succeeded))
        {
            var why = actions.FirstOrDefault(a => a.Status != ActionStatus.Succeeded)?.Error
                ?? string.Join("; ", decision.Results.Select(r => $"{r.Rule}: {r.Outcome} ({r.Reason})"));
            throw new InvalidOperationException($"stateful scenario: the first event did not fire one rule with 3 succeeded actions: {why}");
        }
    }

    /// <summary>
    /// Checks, from the recorded alerts (one per firing, stamped by the simulated clock), that every key of every rule
    /// fired at most max_executions times, at least the cooldown apart, and never more than the rate limit within its
    /// window; and that every firing ran all three actions.
    /// </summary>
    private static (int MaxPerKey, int Violations) CheckLimits(World world)
    {
        var alerts = world.Alerts.Alerts;
        var violations = 0;
        var maxPerKey = 0;
        foreach (var key in alerts.GroupBy(a => (a.Rule, Subject: a.Data.TryGetValue("subject", out var s) ? s as string : null)))
        {
            var times = key.Select(a => a.At).Order().ToArray();
            maxPerKey = Math.Max(maxPerKey, times.Length);
            violations += key.Key.Subject is null ? 1 : 0;
            violations += Math.Max(0, times.Length - MaxExecutions);
            for (var i = 1; i < times.Length; i++)
            {
                violations += times[i] - times[i - 1] < TimeSpan.FromSeconds(CooldownSeconds) ? 1 : 0;
            }

            for (var i = RateLimit; i < times.Length; i++)
            {
                violations += times[i] - times[i - RateLimit] < TimeSpan.FromSeconds(TimeWindowSeconds) ? 1 : 0;
            }
        }

        var firings = world.Fired;
        violations += alerts.Count == firings && world.Webhooks.Requests.Count == firings && world.Memories.Count == firings ? 0 : 1;
        return (maxPerKey, violations);
    }

    private static void Progress(HarnessSession<JsonEvent> session, string what) =>
        Console.Error.WriteLine($"ours {session.Result.Rules} {session.Result.Variant} run {session.Result.Run}: extras: {what}");

    /// <summary>One engine with its state store, clock, memory store and recording sinks, stepping through the events.</summary>
    private sealed class World
    {
        private readonly List<JsonEvent> _events;
        private int _next;

        public World(PolicySet set, List<JsonEvent> events)
        {
            _events = events;
            Clock = new SimulatedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
            Memories = new InMemoryMemoryStore(Clock, TimeSpan.Zero);
            State = new InMemoryPolicyStateStore();
            Engine = new PolicyEngine(set, new PolicyEngineOptions
            {
                TimeProvider = Clock,
                StateStore = State,
                Executors = [new MemoryActionExecutor(Memories), new AlertActionExecutor(Alerts, Clock), new WebhookActionExecutor(Webhooks)],
            });
        }

        public SimulatedClock Clock { get; }

        public InMemoryMemoryStore Memories { get; }

        public RecordingAlertSink Alerts { get; } = new();

        public RecordingWebhookSender Webhooks { get; } = new();

        public InMemoryPolicyStateStore? State { get; private set; }

        public PolicyEngine? Engine { get; private set; }

        public long Processed { get; private set; }

        public long Fired { get; private set; }

        public long Cooldown { get; private set; }

        public long MaxExecutionsHeld { get; private set; }

        public long RateLimited { get; private set; }

        public long FailedActions { get; private set; }

        /// <summary>Advances the clock by one step and decides the next event for real (actions executed).</summary>
        public void Step()
        {
            Clock.Advance(s_step);
            var decision = Engine!.ExecuteRules(_events[_next].Context);
            _next = _next + 1 == _events.Count ? 0 : _next + 1;
            Processed++;
            foreach (var result in decision.Results)
            {
                switch (result.Outcome)
                {
                    case RuleOutcome.Fired:
                        Fired++;
                        foreach (var action in result.Actions)
                        {
                            FailedActions += action.Status == ActionStatus.Failed ? 1 : 0;
                        }

                        break;
                    case RuleOutcome.Cooldown:
                        Cooldown++;
                        break;
                    case RuleOutcome.MaxExecutions:
                        MaxExecutionsHeld++;
                        break;
                    case RuleOutcome.RateLimited:
                        RateLimited++;
                        break;
                    default:
                        break;
                }
            }
        }

        /// <summary>Drops the engine and its state store (the memory store and sinks stay).</summary>
        public void DropEngine()
        {
            Engine = null;
            State = null;
        }
    }
}
