using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Policies;
using MemoryTriggers.Tests.Validation;
using MemoryTriggers.Validation;
using static MemoryTriggers.Tests.Policies.Loading.PolicyLoaderTests;

namespace MemoryTriggers.Tests.Policies.Loading;

/// <summary>
/// Properties of <see cref="PolicyLoader.LoadFromString"/>: whatever the text, loading never throws, the result is
/// consistent, and a rule is in the set exactly when nothing under its path is an error, so a broken rule is never
/// dropped silently and never half-read.
/// </summary>
public sealed class PolicyLoaderPropertyTests
{
    private const string Source = "fuzz.yaml";

    /// <summary>Small rules side by side, so that a mutation often breaks one rule and leaves the others.</summary>
    private const string SeveralRules = """
        match_mode: all
        rules:
          a:
            priority: 1
            conditions:
              - type: equals
                field: event_type
                value: error
            actions:
              - type: log_event
                parameters: {level: info}
          b:
            scope: agent
            conditions:
              - type: between
                field: score
                min_value: 1
                max_value: 5
          c:
            enabled: false
            tags: [x, y]
            cooldown_period: 30
          d:
            condition_operator: OR
            conditions:
              - type: in_list
                field: user
                values: [ann, bob]
              - type: rate_limit
                rate_limit: 3
                time_window: 60
          e:
            actions:
              - type: create_memory
                retry_count: 1
                condition:
                  type: exists
                  field: content
        """;

    private static readonly string[] s_valid =
    [
        File.ReadAllText(DataFile("spec", "error-handler.yaml")),
        File.ReadAllText(DataFile("spec", "complex-error-handler.yaml")),
        File.ReadAllText(DataFile("spec", "conditional-actions.yaml")),
        File.ReadAllText(DataFile("all-fields.yaml")),
        SeveralRules,
    ];

    private static readonly string[] s_keys =
    [
        "rules", "match_mode", "name", "description", "enabled", "priority", "scope", "conditions", "condition_operator", "actions",
        "max_executions", "cooldown_period", "cooldown_key", "tags", "metadata", "type", "field", "value", "values", "regex_pattern",
        "min_value", "max_value", "start_time", "end_time", "days", "timezone", "rate_limit", "time_window", "probability", "sample_by",
        "sub_conditions", "negate", "parameters", "condition", "retry_count", "retry_delay", "timeout", "async_execution", "rule", "r",
    ];

    private static readonly string[] s_syntax =
    [
        ":", ": ", "-", "- ", "[", "]", "{", "}", ",", ", ", "&a ", "*a", "\"", "'", "\t", "\n", "\n", "\n", "  ", "  ", " ", "#", "? ",
        "|", ">", "!!str ", "---", "\r\n", "\u00e9",
    ];

    private static readonly string[] s_values =
    [
        "~", "null", "true", "false", "yes", "0", "-1", "5", "1.5", "\"5\"", ".inf", "99999999999", "equals", "equal", "composite_and",
        "rate_limit", "create_memory", "creat_memory", "global", "Agent", "AND", "or", "XOR", "all", "first", "[]", "{}", "[a, 1]", "{a: 1}",
    ];

    private static Gen<string> YamlishText() =>
        Gen.Frequency(
            (4, Gen.Elements(s_syntax)),
            (3, Gen.Elements(s_keys)),
            (2, Gen.Elements(s_values)),
            (2, Gen.Elements(s_keys).Select(k => k + ": ")),
            (1, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty)))
        .ListOf()
        .Select(parts => string.Concat(parts));

    private static Gen<(int File, ConfigPipelinePropertyTests.Mutation[] Mutations, string Text)> MutatedFiles() =>
        from file in Gen.Choose(0, s_valid.Length - 1)
        from mutations in Mutations().ListOf().Select(m => m.ToArray()).Where(m => m.Length is > 0 and <= 3)
        select (file, mutations, mutations.Aggregate(s_valid[file], (text, m) => m.Apply(text)));

    private static Gen<ConfigPipelinePropertyTests.Mutation> Mutations() =>
        from kind in Gen.Frequency(
            (8, Gen.Constant(ConfigPipelinePropertyTests.MutationKind.ReplaceValue)),
            (2, Gen.Constant(ConfigPipelinePropertyTests.MutationKind.DeleteLine)),
            (2, Gen.Constant(ConfigPipelinePropertyTests.MutationKind.DuplicateLine)),
            (3, Gen.Elements(Enum.GetValues<ConfigPipelinePropertyTests.MutationKind>())))
        from a in Gen.Choose(0, 10_000)
        from b in Gen.Choose(0, 10_000)
        from token in Gen.Frequency((4, Gen.Elements(s_values)), (1, Gen.Elements(s_syntax)), (1, Gen.Elements(s_keys)))
        select new ConfigPipelinePropertyTests.Mutation(kind, a, b, token);

    private static bool Under(string path, string prefix) =>
        path == prefix || (path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length && path[prefix.Length] is '.' or '[');

    /// <summary>The invariants every result keeps; throws (with the reason) when one is broken, so FsCheck shows it.</summary>
    private static bool Consistent(string text, PolicyLoadResult result)
    {
        var lines = 1 + text.Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029');
        Assert.Equal(!result.Issues.Any(i => i.IsError), result.Valid);
        Assert.All(result.Issues, i =>
        {
            Assert.False(string.IsNullOrEmpty(i.Code));
            Assert.False(string.IsNullOrEmpty(i.Message));
            Assert.Equal(Source, i.File);
            Assert.True(!i.Location.HasPosition || (i.Line >= 1 && i.Line <= lines + 1 && i.Column >= 1), i.ToString());
        });
        Assert.All(result.Policies.Rules, r => Assert.Equal(Source, r.Source));
        Assert.Equal(result.Policies.Rules.Count, result.Policies.Rules.Select(r => r.Name).Distinct().Count());

        var document = result.Policies.Documents[Source];
        var entries = (document.Root as ConfigMapping)?.Find("rules")?.Value is ConfigMapping rules ? rules.Entries : [];
        if (entries.All(e => !e.Key.Contains('.', StringComparison.Ordinal) && !e.Key.Contains('[', StringComparison.Ordinal)))
        {
            // A duplicate of the rule's own key is reported at its path while the first definition is kept.
            var clean = entries.Count(e => !result.Issues.Any(i =>
                i.IsError && Under(i.Path, "rules." + e.Key) && !(i.Code == IssueCodes.DuplicateKey && i.Path == "rules." + e.Key)));
            Assert.True(clean == result.Policies.Rules.Count, $"{clean} rules without errors, {result.Policies.Rules.Count} loaded:\n{string.Join("\n", result.Issues)}");
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public Property LoadFromString_YamlishText_NeverThrowsAndIsConsistent() =>
        Prop.ForAll(YamlishText().ToArbitrary(), text => Consistent(text, PolicyLoader.LoadFromString(text, Source)));

    [Property(MaxTest = 200)]
    public Property LoadFromString_ArbitraryText_NeverThrowsAndIsConsistent() =>
        Prop.ForAll(ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty).ToArbitrary(), text => Consistent(text, PolicyLoader.LoadFromString(text, Source)));

    [Property(MaxTest = 500)]
    public Property LoadFromString_MutatedValidFile_NeverThrowsAndDropsOnlyRulesWithErrors() =>
        Prop.ForAll(MutatedFiles().ToArbitrary(), mutated => Consistent(mutated.Text, PolicyLoader.LoadFromString(mutated.Text, Source)));

    [Property(MaxTest = 100)]
    public Property LoadFromString_SameTextTwice_GivesSameIssuesAndRules() =>
        Prop.ForAll(MutatedFiles().ToArbitrary(), mutated =>
        {
            var first = PolicyLoader.LoadFromString(mutated.Text, Source);
            var second = PolicyLoader.LoadFromString(mutated.Text, Source);
            return first.Issues.SequenceEqual(second.Issues) && first.Policies.Rules.Equals(second.Policies.Rules) && first.Policies.MatchMode == second.Policies.MatchMode;
        });

    [Fact]
    public void ValidFiles_LoadWithoutErrors()
    {
        foreach (var text in s_valid)
        {
            var result = PolicyLoader.LoadFromString(text, Source);
            Assert.True(result.Valid, string.Join("\n", result.Issues));
            Assert.NotEmpty(result.Policies.Rules);
        }
    }

    [Fact]
    public void Generators_ProduceTheIntendedInputs()
    {
        var mutated = MutatedFiles().Sample(300);
        Assert.True(mutated.Count(m => m.Text != s_valid[m.File]) >= 240);

        // Enough mutations must get past the parser and break a rule while others load, or the drop property would test little.
        var results = mutated.Select(m => PolicyLoader.LoadFromString(m.Text, Source)).ToArray();
        Assert.True(results.Count(r => !r.Issues.Any(i => i.Code == IssueCodes.YamlSyntax)) >= 90);
        Assert.True(results.Count(r => !r.Valid && r.Policies.Rules.Count > 0) >= 8);
    }
}
