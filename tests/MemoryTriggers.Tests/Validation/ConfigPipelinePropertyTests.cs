using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Binding;
using MemoryTriggers.Validation;
using Env = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Tests.Validation;

/// <summary>
/// Properties of the one validation pipeline (<see cref="ConfigurationLoader.LoadFromString"/>): whatever the text and
/// the environment, loading never throws, and a configuration that is not valid always says why with an error.
/// </summary>
public sealed class ConfigPipelinePropertyTests
{
    private static readonly LoadOptions s_noVariables = new() { EnvironmentVariables = new Dictionary<string, string?>() };

    /// <summary>Every YAML key of the model, at any depth.</summary>
    private static readonly string[] s_keys = AllKeys(typeof(MemoryTriggerConfig)).Concat(FeatureFlags.All).Distinct().ToArray();

    private static readonly string[] s_syntax =
    [
        ":", ": ", "-", "- ", "[", "]", "{", "}", ",", ", ", "&a ", "*a", "&b ", "*b", "\"", "'", "\t", "\n", "\n", "\n",
        "  ", "  ", " ", "#", "? ", "|", ">", "!!str ", "!", "%", "@", "`", "---", "...", "\r\n", "\\", "\u00e9", "\ufeff",
    ];

    private static readonly string[] s_values =
    [
        "~", "null", "true", "false", "yes", "off", "0", "-1", "50", "1.0", "\"1.0\"", "0x1F", "0o17", "1e999", ".inf", ".nan",
        "99999999999", "lots", "DEBUG", "debug", "mem0", "mem1", "local", "redis", "production", "Production", "workflow", "[]", "{}",
    ];

    private static readonly string[] s_presets = Enum.GetValues<Env>().Select(EnvironmentPresets.GetYaml).ToArray();

    private static IEnumerable<string> AllKeys(Type type) =>
        ConfigModel.Fields(type).SelectMany(f => f.Kind is FieldKind.Section or FieldKind.SectionMap ? AllKeys(f.ItemType!).Prepend(f.Key) : [f.Key]);

    /// <summary>Text assembled from YAML syntax, real keys and typical values, with indentation.</summary>
    private static Gen<string> YamlishText() =>
        Gen.Frequency(
            (4, Gen.Elements(s_syntax)),
            (3, Gen.Elements(s_keys)),
            (2, Gen.Elements(s_values)),
            (1, Gen.Elements(s_keys).Select(k => k + ": ")),
            (1, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty)))
        .ListOf()
        .Select(parts => string.Concat(parts));

    private static Gen<MutatedPreset> MutatedPresets() =>
        from preset in Gen.Choose(0, s_presets.Length - 1)
        from mutations in Mutations().ListOf().Select(m => m.ToArray()).Where(m => m.Length is > 0 and <= 4)
        select new MutatedPreset(preset, mutations, mutations.Aggregate(s_presets[preset], (text, m) => m.Apply(text)));

    private static Gen<Mutation> Mutations() =>
        from kind in Gen.Elements(Enum.GetValues<MutationKind>())
        from a in Gen.Choose(0, 10_000)
        from b in Gen.Choose(0, 10_000)
        from token in Gen.OneOf(Gen.Elements(s_values), Gen.Elements(s_syntax), Gen.Elements(s_keys))
        select new Mutation(kind, a, b, token);

    private static Gen<(string Name, string? Value)[]> Variables() =>
        (from name in Gen.OneOf(
             Gen.Elements(EnvironmentOverrides.Aliases.Keys.ToArray()),
             Gen.Elements(s_keys).ListOf().Where(k => k.Count is > 0 and <= 4).Select(k => EnvironmentOverrides.GenericPrefix + string.Join("__", k).ToUpperInvariant()),
             Gen.Elements("MEMORY__", "MEMORY_", "MEMORY____X", "MEMORY__TRIGGER_POLICIES__NEW__ENABLED", "MEMORY__BACKEND__BACKEND_SETTINGS__API_KEY_ENV"))
         from value in Gen.OneOf(Gen.Elements(s_values), Gen.Elements(s_syntax), ArbMap.Default.GeneratorFor<string>()).OrNull()
         select (name, value))
        .ListOf()
        .Select(v => v.ToArray());

    /// <summary>The invariants every report must keep.</summary>
    private static bool Consistent(string text, ValidationReport report)
    {
        // YAML breaks lines at \n, \r and (in YamlDotNet) the Unicode line separators; this is an upper bound.
        var lines = 1 + text.Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029');
        return report.Valid == (report.Errors.Count == 0)
            && (!report.Valid || report.Config is not null)
            && report.Issues.All(i => !string.IsNullOrEmpty(i.Code) && !string.IsNullOrEmpty(i.Message))
            && report.Issues.All(i => !i.Location.HasPosition || (i.Line >= 1 && i.Line <= lines + 1 && i.Column >= 1))
            && report.PerformanceScore is >= 0.0 and <= 1.0;
    }

    [Property(MaxTest = 300)]
    public Property LoadFromString_YamlishText_NeverThrowsAndInvalidHasAnError() =>
        Prop.ForAll(YamlishText().ToArbitrary(), text => Consistent(text, ConfigurationLoader.LoadFromString(text, "fuzz.yaml", s_noVariables)));

    [Property(MaxTest = 200)]
    public Property LoadFromString_ArbitraryText_NeverThrowsAndInvalidHasAnError() =>
        Prop.ForAll(ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty).ToArbitrary(), text => Consistent(text, ConfigurationLoader.LoadFromString(text, null, s_noVariables)));

    [Property(MaxTest = 300)]
    public Property LoadFromString_MutatedPreset_NeverThrowsAndInvalidHasAnError() =>
        Prop.ForAll(MutatedPresets().ToArbitrary(), mutated => Consistent(mutated.Text, ConfigurationLoader.LoadFromString(mutated.Text, "mutated.yaml", s_noVariables)));

    [Property(MaxTest = 200)]
    public Property LoadFromString_ArbitraryOverrides_NeverThrowAndBadOnesAreReported() =>
        Prop.ForAll(Gen.Elements(s_presets).ToArbitrary(), Variables().ToArbitrary(), (preset, variables) =>
        {
            var options = new LoadOptions { EnvironmentVariables = variables.DistinctBy(v => v.Name).ToDictionary(v => v.Name, v => v.Value) };
            var report = ConfigurationLoader.LoadFromString(preset, "preset.yaml", options);
            var fromVariables = report.Issues.Where(i => i.Location.Variable is not null);
            return Consistent(preset, report) && fromVariables.All(i => options.EnvironmentVariables.ContainsKey(i.Location.Variable!));
        });

    [Property(MaxTest = 100)]
    public Property LoadFromString_SameTextTwice_GivesSameIssuesAndEqualConfigs() =>
        Prop.ForAll(YamlishText().ToArbitrary(), text =>
        {
            var first = ConfigurationLoader.LoadFromString(text, "a.yaml", s_noVariables);
            var second = ConfigurationLoader.LoadFromString(text, "a.yaml", s_noVariables);
            return first.Issues.SequenceEqual(second.Issues) && Equals(first.Config, second.Config);
        });

    [Fact]
    public void Generators_ProduceTheIntendedInputs()
    {
        Assert.Contains("batch_size", s_keys);
        Assert.Contains("success_threshold", s_keys);
        Assert.Contains("auto_recall", s_keys);
        Assert.True(MutatedPresets().Sample(50).Count(m => m.Text != s_presets[m.Preset]) >= 40);
    }

    public enum MutationKind
    {
        DeleteLine,
        DuplicateLine,
        Indent,
        Outdent,
        TabIndent,
        ReplaceValue,
        SwapLines,
        Truncate,
    }

    public sealed record Mutation(MutationKind Kind, int A, int B, string Token)
    {
        public string Apply(string text)
        {
            var lines = text.Split('\n').ToList();
            var i = A % lines.Count;
            var j = B % lines.Count;
            switch (Kind)
            {
                case MutationKind.DeleteLine:
                    lines.RemoveAt(i);
                    break;
                case MutationKind.DuplicateLine:
                    lines.Insert(i, lines[i]);
                    break;
                case MutationKind.Indent:
                    lines[i] = new string(' ', 1 + (B % 4)) + lines[i];
                    break;
                case MutationKind.Outdent:
                    lines[i] = lines[i][Math.Min(lines[i].Length - lines[i].TrimStart(' ').Length, 1 + (B % 4))..];
                    break;
                case MutationKind.TabIndent:
                    lines[i] = "\t" + lines[i].TrimStart(' ');
                    break;
                case MutationKind.ReplaceValue:
                    var colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
                    lines[i] = colon < 0 ? Token : lines[i][..(colon + 2)] + Token;
                    break;
                case MutationKind.SwapLines:
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                    break;
                case MutationKind.Truncate:
                    return text[..(A % (text.Length + 1))];
            }

            return string.Join('\n', lines);
        }
    }

    public sealed record MutatedPreset(int Preset, Mutation[] Mutations, string Text)
    {
        public override string ToString() =>
            $"{(Env)Preset} with {string.Join(", ", Mutations.Select(m => $"{m.Kind}({m.A}, {m.B}, {m.Token.ReplaceLineEndings("\\n")})"))}:\n{Text}";
    }
}
