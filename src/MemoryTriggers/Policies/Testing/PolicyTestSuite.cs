using System.Globalization;
using System.Text.Json;
using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Internal;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Policies.Testing;

/// <summary>
/// A policy test suite, in the manner of <c>promtool test rules</c>: the policies to load, an
/// optional start time and environment, and cases with a context and the expected rules, actions
/// and rendered parameters. docs/policies.md describes the file format.
/// </summary>
public sealed class PolicyTestSuite
{
    private static readonly string[] s_topKeys = ["policies", "time", "env", "tests"];
    private static readonly string[] s_caseKeys = ["name", "context", "context_file", "advance", "rule", "expect"];
    private static readonly string[] s_expectKeys = ["fired", "not_fired", "outcomes", "actions"];
    private static readonly string[] s_actionKeys = ["rule", "type", "status", "parameters", "output"];

    private PolicyTestSuite(string? path, IReadOnlyList<string> policies, DateTimeOffset time, ValueMap<string> environment, IReadOnlyList<PolicyTestCase> cases, IReadOnlyList<ValidationIssue> issues)
    {
        SourcePath = path;
        Policies = policies;
        Time = time;
        Environment = environment;
        Cases = cases;
        Issues = issues;
    }

    /// <summary>Gets the suite file, if it came from one.</summary>
    public string? SourcePath { get; }

    /// <summary>Gets the policy files and directories to load (relative to the suite file); empty means the caller's policy store.</summary>
    public IReadOnlyList<string> Policies { get; }

    /// <summary>Gets the time the suite's clock starts at.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>Gets the environment variables <c>${env:NAME}</c> sees.</summary>
    public ValueMap<string> Environment { get; }

    /// <summary>Gets the cases, run in order against one engine (so cooldowns and limits carry over).</summary>
    public IReadOnlyList<PolicyTestCase> Cases { get; }

    /// <summary>Gets the problems in the suite file.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; }

    /// <summary>Gets a value indicating whether the suite can run.</summary>
    public bool Valid => !Issues.Any(i => i.IsError);

    /// <summary>Reads a suite file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The suite, with issues when it is malformed.</returns>
    public static PolicyTestSuite LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            var issue = new ValidationIssue(IssueSeverity.Error, IssueCodes.LoadFailed, string.Empty, "the test suite does not exist") { Location = new SourceLocation { File = path } };
            return new PolicyTestSuite(path, [], default, ValueMap<string>.Empty, [], [issue]);
        }

        return LoadFromString(File.ReadAllText(path), path);
    }

    /// <summary>Reads a suite from YAML text.</summary>
    /// <param name="yaml">The text.</param>
    /// <param name="path">The file it came from (relative paths in it are relative to its directory).</param>
    /// <returns>The suite, with issues when it is malformed.</returns>
    public static PolicyTestSuite LoadFromString(string yaml, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var issues = new List<ValidationIssue>();
        var document = ConfigDocumentParser.Parse(yaml, path, issues);
        var reader = new Reader(document, issues);
        if (document.Root is not ConfigMapping)
        {
            if (issues.Count == 0)
            {
                reader.Error(string.Empty, IssueCodes.NotAMapping, "a test suite is a mapping with a 'tests:' list", "see docs/policies.md for the format");
            }

            return new PolicyTestSuite(path, [], default, ValueMap<string>.Empty, [], issues);
        }

        var root = (ValueMap<object?>)Plain(document.Root)!;
        reader.UnknownKeys(root, string.Empty, s_topKeys);
        var baseDirectory = path is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(path))!;
        var policies = root.GetValueOrDefault("policies") switch
        {
            null => [],
            string one => [Path.GetFullPath(Path.Combine(baseDirectory, one))],
            ValueList<object?> many => many.OfType<string>().Select(p => Path.GetFullPath(Path.Combine(baseDirectory, p))).ToArray(),
            _ => reader.Wrong<string[]>("policies", "a path or a list of paths", []),
        };
        var time = new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);
        if (root.GetValueOrDefault("time") is { } timeValue)
        {
            if (timeValue is string text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                time = parsed;
            }
            else
            {
                reader.Wrong<object?>("time", "an ISO 8601 time such as \"2026-01-05T09:30:00Z\"", null);
            }
        }

        var environment = root.GetValueOrDefault("env") is ValueMap<object?> env
            ? ValueMap<string>.From(env.Select(e => new KeyValuePair<string, string>(e.Key, Convert.ToString(e.Value, CultureInfo.InvariantCulture) ?? string.Empty)))
            : ValueMap<string>.Empty;
        var cases = new List<PolicyTestCase>();
        if (root.GetValueOrDefault("tests") is ValueList<object?> tests)
        {
            for (var i = 0; i < tests.Count; i++)
            {
                if (reader.Case(tests[i], $"tests[{i}]", baseDirectory) is { } testCase)
                {
                    cases.Add(testCase);
                }
            }
        }
        else
        {
            reader.Error("tests", IssueCodes.Required, "the suite has no 'tests:' list", "add tests: with at least one case");
        }

        return new PolicyTestSuite(path, policies, time, environment, cases, issues);
    }

    private static object? Plain(ConfigNode node) => node switch
    {
        ConfigScalar scalar => scalar.Value,
        ConfigSequence sequence => ValueList<object?>.From(sequence.Items.Select(Plain)),
        ConfigMapping mapping => ValueMap<object?>.From(mapping.Entries.Select(e => new KeyValuePair<string, object?>(e.Key, Plain(e.Value)))),
        _ => null,
    };

    private sealed class Reader(ConfigDocument document, List<ValidationIssue> issues)
    {
        public void Error(string path, string code, string message, string suggestion) =>
            issues.Add(new ValidationIssue(IssueSeverity.Error, code, path, message) { Location = document.Locate(path), Suggestion = suggestion });

        public T Wrong<T>(string path, string expected, T fallback)
        {
            Error(path, IssueCodes.Type, $"{path} must be {expected}", $"write {expected}");
            return fallback;
        }

        public void UnknownKeys(ValueMap<object?> map, string path, string[] known)
        {
            foreach (var key in map.Keys.Where(k => !known.Contains(k)))
            {
                var keyPath = ConfigPath.Append(path, key);
                var closest = Names.Closest(key, known);
                issues.Add(new ValidationIssue(IssueSeverity.Warning, IssueCodes.UnknownKey, keyPath, $"unknown key '{key}'")
                {
                    Location = document.LocateKey(keyPath) ?? document.Locate(keyPath),
                    Suggestion = closest is null ? "known keys: " + string.Join(", ", known) : $"did you mean '{closest}'?",
                });
            }
        }

        public PolicyTestCase? Case(object? value, string path, string baseDirectory)
        {
            if (value is not ValueMap<object?> map)
            {
                return Wrong<PolicyTestCase?>(path, "a mapping with name, context and expect", null);
            }

            UnknownKeys(map, path, s_caseKeys);
            var name = map.GetValueOrDefault("name") as string ?? path;
            var context = map.GetValueOrDefault("context") as ValueMap<object?>;
            if (map.GetValueOrDefault("context_file") is string file)
            {
                context = ReadContextFile(Path.Combine(baseDirectory, file), ConfigPath.Append(path, "context_file"));
                if (context is null)
                {
                    return null;
                }
            }

            if (context is null)
            {
                Error(path, IssueCodes.Required, $"case '{name}' has no context (a mapping) or context_file (a JSON file)", "add context: {event_type: error, ...}");
                return null;
            }

            var expect = map.GetValueOrDefault("expect") as ValueMap<object?> ?? ValueMap<object?>.Empty;
            UnknownKeys(expect, ConfigPath.Append(path, "expect"), s_expectKeys);
            var actions = new List<ExpectedAction>();
            if (expect.GetValueOrDefault("actions") is ValueList<object?> expectedActions)
            {
                for (var i = 0; i < expectedActions.Count; i++)
                {
                    var actionPath = $"{path}.expect.actions[{i}]";
                    if (expectedActions[i] is ValueMap<object?> action && action.GetValueOrDefault("rule") is string rule && action.GetValueOrDefault("type") is string type)
                    {
                        UnknownKeys(action, actionPath, s_actionKeys);
                        actions.Add(new ExpectedAction
                        {
                            Rule = rule,
                            Type = type,
                            Status = action.GetValueOrDefault("status") as string,
                            Parameters = action.GetValueOrDefault("parameters") as ValueMap<object?> ?? ValueMap<object?>.Empty,
                            Output = action.GetValueOrDefault("output") as ValueMap<object?> ?? ValueMap<object?>.Empty,
                        });
                    }
                    else
                    {
                        Error(actionPath, IssueCodes.Required, "an expected action needs rule and type", "write {rule: NAME, type: create_memory, parameters: {...}}");
                    }
                }
            }

            return new PolicyTestCase
            {
                Name = name,
                Context = context,
                Advance = map.GetValueOrDefault("advance") is long or double ? Convert.ToDouble(map["advance"], CultureInfo.InvariantCulture) : 0,
                Rule = map.GetValueOrDefault("rule") as string,
                Fired = expect.GetValueOrDefault("fired") is ValueList<object?> fired ? ValueList<string>.From(fired.OfType<string>()) : null,
                NotFired = expect.GetValueOrDefault("not_fired") is ValueList<object?> notFired ? ValueList<string>.From(notFired.OfType<string>()) : ValueList<string>.Empty,
                Outcomes = expect.GetValueOrDefault("outcomes") is ValueMap<object?> outcomes
                    ? ValueMap<string>.From(outcomes.Select(e => new KeyValuePair<string, string>(e.Key, e.Value as string ?? string.Empty)))
                    : ValueMap<string>.Empty,
                Actions = ValueList<ExpectedAction>.From(actions),
                Location = document.Locate(path).ToString(),
            };
        }

        private ValueMap<object?>? ReadContextFile(string file, string path)
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllText(file));
                return new PolicyContext(json.RootElement).ToDictionary() is var values
                    ? ValueMap<object?>.From(values)
                    : null;
            }
            catch (Exception ex) when (ex is IOException or JsonException or ArgumentException or UnauthorizedAccessException)
            {
                Error(path, IssueCodes.LoadFailed, $"the context file {file} cannot be read: {ex.Message}", "give a JSON object file, relative to the suite");
                return null;
            }
        }
    }
}
