using System.Globalization;
using System.Text.Json;
using MemoryTriggers.Actions;
using MemoryTriggers.Actions.Executors;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryTriggers.Policies.Testing;

/// <summary>
/// Runs a <see cref="PolicyTestSuite"/>. The cases run in order against one engine with a manual
/// clock, seeded randomness, an in-memory memory store and recording alert and webhook sinks, so
/// actions really run (memory ids, cooldowns and limits carry from case to case) and nothing
/// leaves the process.
/// </summary>
public sealed class PolicyTestRunner
{
    /// <summary>The default seed of the randomness <c>probability</c> conditions draw from.</summary>
    public const int DefaultSeed = 20260105;

    private readonly int _seed;

    /// <summary>Initializes a new instance of the <see cref="PolicyTestRunner"/> class.</summary>
    /// <param name="seed">The seed of the randomness <c>probability</c> conditions draw from, so runs repeat exactly.</param>
    public PolicyTestRunner(int seed = DefaultSeed) => _seed = seed;

    /// <summary>Runs the suite.</summary>
    /// <param name="suite">The suite.</param>
    /// <param name="policyStore">A policy directory that overrides the suite's own (by default the suite's <c>policies:</c>, else <c>policies/</c> beside the suite file).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The report.</returns>
    public async Task<PolicyTestReport> RunAsync(PolicyTestSuite suite, string? policyStore = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var suiteDirectory = Path.GetDirectoryName(Path.GetFullPath(suite.SourcePath ?? "suite.yaml"))!;
        IReadOnlyList<string> sources = policyStore is not null ? [policyStore] : suite.Policies.Count > 0 ? suite.Policies : [Path.Combine(suiteDirectory, "policies")];
        var files = sources.SelectMany<string, string>(s => Directory.Exists(s)
                ? PolicyLoader.ListFiles(s)
                : [s])
            .ToArray();
        var loaded = PolicyLoader.LoadFiles(files);
        var issues = new PolicyValidator().ValidateAll(loaded).Where(i => i.IsError).ToArray();
        var clock = new ManualTimeProvider(suite.Time);
        var random = new Random(_seed);
        var engine = new PolicyEngine(loaded.Policies, new PolicyEngineOptions
        {
            TimeProvider = clock,
            Random = random.NextDouble,
            EnvironmentVariable = name => suite.Environment.TryGetValue(name, out var value) ? value : null,
            Executors =
            [
                new MemoryActionExecutor(new InMemoryMemoryStore(clock)),
                new AlertActionExecutor(new RecordingAlertSink(), clock),
                new LogEventExecutor(NullLogger.Instance),
                new WebhookActionExecutor(new RecordingWebhookSender()),
            ],
        });
        var rules = loaded.Policies.Rules.Select(r => r.Name).ToArray();
        if (issues.Length > 0)
        {
            return new PolicyTestReport([], rules, [], issues);
        }

        var results = new List<PolicyTestCaseResult>();
        var fired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var testCase in suite.Cases)
        {
            clock.Advance(TimeSpan.FromSeconds(testCase.Advance));
            var decision = await engine.ExecuteRulesAsync(new PolicyContext(testCase.Context), new EvaluationOptions { RuleName = testCase.Rule, IncludeUnmatched = true }, cancellationToken).ConfigureAwait(false);
            fired.UnionWith(decision.Results.Where(r => r.Fired || r.Outcome == RuleOutcome.Skipped).Select(r => r.Rule));
            results.Add(new PolicyTestCaseResult(testCase.Name, Check(testCase, decision, rules), decision));
        }

        return new PolicyTestReport(results, rules, [.. rules.Where(fired.Contains)], []);
    }

    private static List<string> Check(PolicyTestCase testCase, PolicyDecision decision, string[] rules)
    {
        var failures = new List<string>();
        var fired = decision.FiredRules.ToHashSet(StringComparer.Ordinal);
        foreach (var name in (testCase.Fired ?? ValueList<string>.Empty).Concat(testCase.NotFired).Concat(testCase.Outcomes.Keys).Concat(testCase.Actions.Select(a => a.Rule)).Distinct())
        {
            if (!rules.Contains(name))
            {
                failures.Add($"the suite names rule '{name}', which does not exist{Suggest(name, rules)}");
            }
        }

        if (testCase.Fired is { } expectedFired && !expectedFired.ToHashSet().SetEquals(fired))
        {
            failures.Add($"fired: expected [{string.Join(", ", expectedFired)}], got [{string.Join(", ", decision.FiredRules)}]{Why(decision, expectedFired.Except(fired))}");
        }

        foreach (var name in testCase.NotFired.Where(fired.Contains))
        {
            failures.Add($"'{name}' fired but should not have");
        }

        foreach (var (name, outcome) in testCase.Outcomes)
        {
            var actual = decision.Results.FirstOrDefault(r => r.Rule == name);
            var actualName = actual is null ? "not evaluated" : YamlNames.Of(actual.Outcome);
            if (!string.Equals(actualName, outcome, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"'{name}': expected outcome {outcome}, got {actualName}{(actual is null ? string.Empty : " (" + actual.Reason + ")")}");
            }
        }

        foreach (var group in testCase.Actions.GroupBy(a => a.Rule))
        {
            var result = decision.Results.FirstOrDefault(r => r.Rule == group.Key && r.Fired);
            if (result is null)
            {
                failures.Add($"'{group.Key}' did not fire, so its expected actions did not run{Why(decision, [group.Key])}");
                continue;
            }

            var next = 0;
            foreach (var expected in group)
            {
                var index = FindAction(result.Actions, expected, next);
                if (index < 0)
                {
                    failures.Add(Describe(expected, result));
                }
                else
                {
                    next = index + 1;
                }
            }
        }

        return failures;
    }

    private static int FindAction(IReadOnlyList<ActionResult> actions, ExpectedAction expected, int from)
    {
        for (var i = from; i < actions.Count; i++)
        {
            var action = actions[i];
            if (YamlNames.Of(action.Type) == expected.Type
                && (expected.Status is null || string.Equals(action.Status.ToString(), expected.Status, StringComparison.OrdinalIgnoreCase))
                && Contains(action.Parameters, expected.Parameters)
                && Contains(action.Output, expected.Output))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Describe(ExpectedAction expected, RuleResult result)
    {
        var candidates = result.Actions.Where(a => YamlNames.Of(a.Type) == expected.Type).ToArray();
        if (candidates.Length == 0)
        {
            return $"'{expected.Rule}': no {expected.Type} action ran (actions: {string.Join(", ", result.Actions.Select(a => YamlNames.Of(a.Type)))})";
        }

        var actual = candidates[0];
        var differences = new List<string>();
        if (expected.Status is { } status && !string.Equals(actual.Status.ToString(), status, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add($"status {YamlNames.Of(actual.Status)} (error: {actual.Error})");
        }

        foreach (var (key, value) in expected.Parameters)
        {
            var got = actual.Parameters.GetValueOrDefault(key);
            if (Canonical(got) != Canonical(value))
            {
                differences.Add($"parameter {key}: expected {Canonical(value)}, got {Canonical(got)}");
            }
        }

        foreach (var (key, value) in expected.Output)
        {
            var got = actual.Output.GetValueOrDefault(key);
            if (Canonical(got) != Canonical(value))
            {
                differences.Add($"output {key}: expected {Canonical(value)}, got {Canonical(got)}");
            }
        }

        return $"'{expected.Rule}' {expected.Type}: {string.Join("; ", differences.DefaultIfEmpty("not found in the expected order"))}";
    }

    private static bool Contains(IReadOnlyDictionary<string, object?> actual, ValueMap<object?> expected) =>
        expected.All(e => actual.TryGetValue(e.Key, out var value) && Canonical(value) == Canonical(e.Value));

    private static string Why(PolicyDecision decision, IEnumerable<string> names) =>
        string.Concat(names.Select(n => decision.Results.FirstOrDefault(r => r.Rule == n) is { } r ? $"; {n}: {r.Reason}" : string.Empty));

    private static string Suggest(string name, IEnumerable<string> rules) =>
        YamlNames.Closest(name, rules) is { } closest ? $" (did you mean '{closest}'?)" : string.Empty;

    /// <summary>A canonical JSON text of a plain value, so that 5 and 5.0, or maps of either origin, compare equal.</summary>
    private static string Canonical(object? value) => JsonSerializer.Serialize(Normalize(value));

    private static object? Normalize(object? value) => value switch
    {
        null or string or bool => value,
        int or long or double or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> map => new SortedDictionary<string, object?>(map.ToDictionary(e => e.Key, e => Normalize(e.Value)), StringComparer.Ordinal),
        System.Collections.IEnumerable items => items.Cast<object?>().Select(Normalize).ToArray(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
