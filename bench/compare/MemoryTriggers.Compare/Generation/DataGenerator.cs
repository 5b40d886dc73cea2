using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using MemoryTriggers.Compare.Canonical;
using MemoryTriggers.Compare.Reference;

namespace MemoryTriggers.Compare.Generation;

/// <summary>
/// Writes the generator's files of PROTOCOL.md's table: the canonical rule sets, both event streams, our YAML and
/// the expected match lines. Everything derives from the seed through named <see cref="SplitMix64"/> streams.
/// </summary>
internal static class DataGenerator
{
    /// <summary>The event stream variants, in the order they are written.</summary>
    public static readonly IReadOnlyList<string> Variants = ["fixed", "varied"];

    /// <summary>Writes every file under <paramref name="options"/>' directory and prints a summary to <paramref name="log"/>.</summary>
    public static void Run(GenerateOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var started = Stopwatch.GetTimestamp();
        var directory = options.OutputDirectory;
        Directory.CreateDirectory(Path.Combine(directory, "ours"));
        Directory.CreateDirectory(Path.Combine(directory, "expected"));
        var sizes = options.Sizes.Distinct().Order().ToArray();
        log.WriteLine(Invariant($"generate: seed {options.Seed}, {options.EventCount:N0} events, sizes {string.Join(", ", sizes)} -> {directory}"));

        var shapes = ShapeTable.Create(new SplitMix64(options.Seed, "shapes"));
        WriteEvents(options, shapes, log);

        var sample = Sample(options.Seed);
        var generator = new RuleGenerator(new SplitMix64(options.Seed, "rules"), sample);
        var rules = Enumerable.Range(0, sizes[^1]).Select(generator.Next).ToArray();
        log.WriteLine(Invariant($"  ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s: events and rules written)"));

        var sets = new List<CanonicalRuleSet>();
        foreach (var size in sizes)
        {
            var name = $"rules-{size}";
            var json = CanonicalWriter.Write(new CanonicalRuleSet(options.Seed, size, rules[..size]));
            File.WriteAllText(Path.Combine(directory, name + ".canonical.json"), json);

            // Everything downstream works from the file as read back, so the file is what was checked.
            var set = CanonicalReader.Read(json, out var error) ?? throw new InvalidOperationException($"{name}.canonical.json does not read back: {error}");
            File.WriteAllText(Path.Combine(directory, "ours", name + ".yaml"), OursYamlWriter.Write(set, name + ".canonical.json"));
            sets.Add(set);
            log.WriteLine(Describe(name, set));
        }

        log.WriteLine("matches (reference evaluator):");
        log.WriteLine("  rules       variant  events matching >=1  mean matches/event  mean % of same-type rules  max  rules never matched");
        var reference = new ExpectedMatchWriter(sets);
        foreach (var variant in Variants)
        {
            var statistics = reference.Write(
                Path.Combine(directory, $"events-{variant}.jsonl"),
                s => Path.Combine(directory, "expected", $"rules-{s.Size}.{variant}.matches"));
            for (var i = 0; i < sets.Count; i++)
            {
                var s = statistics[i];
                log.WriteLine(Invariant(
                    $"  {"rules-" + sets[i].Size,-11} {variant,-7}  {100.0 * s.EventsMatched / Math.Max(1, s.Events),17:F1} %  {(double)s.Matches / Math.Max(1, s.Events),18:F2}  {100 * s.MeanTypeShare,23:F2} %  {s.MaxMatches,3}  {s.RulesNeverMatched,19}"));
            }
        }

        log.WriteLine(Invariant($"done in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
    }

    private static void WriteEvents(GenerateOptions options, ShapeTable shapes, TextWriter log)
    {
        var rng = new SplitMix64(options.Seed, "events");
        var shapeRng = new SplitMix64(options.Seed, "shape-pick");
        var optional = EventSchema.OptionalFields.Count;
        var present = new int[optional];
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        var usedShapes = new HashSet<int>();
        long fieldSum = 0;
        int minFields = int.MaxValue, maxFields = 0;
        using (var writer = new EventWriter())
        using (var fixedFile = new FileStream(Path.Combine(options.OutputDirectory, "events-fixed.jsonl"), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
        using (var variedFile = new FileStream(Path.Combine(options.OutputDirectory, "events-varied.jsonl"), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
        {
            for (var i = 0; i < options.EventCount; i++)
            {
                var node = EventGenerator.Next(rng, "evt", i);
                fixedFile.Write(writer.Line(node, -1));
                var mask = shapes.Masks[shapeRng.Next(shapes.Masks.Count)];
                variedFile.Write(writer.Line(node, mask));

                usedShapes.Add(mask);
                var type = (string)node.Fields[0].Value;
                types[type] = types.GetValueOrDefault(type) + 1;
                var fields = EventSchema.RequiredFields.Count + BitOperations.PopCount((uint)mask);
                (fieldSum, minFields, maxFields) = (fieldSum + fields, Math.Min(minFields, fields), Math.Max(maxFields, fields));
                for (var f = 0; f < optional; f++)
                {
                    present[f] += ShapeTable.Has(mask, f) ? 1 : 0;
                }
            }
        }

        var n = Math.Max(1, options.EventCount);
        log.WriteLine(Invariant($"events: fixed = 1 shape of {EventSchema.RequiredFields.Count + optional} top-level fields; varied = {shapes.Masks.Count} distinct shapes ({usedShapes.Count} used), {minFields}-{maxFields} top-level fields (mean {(double)fieldSum / n:F1})"));
        log.WriteLine("  optional fields present in varied: " + string.Join(", ",
            Enumerable.Range(0, optional).Select(f => Invariant($"{EventSchema.OptionalFields[f]} {100.0 * present[f] / n:F0} %"))));
        log.WriteLine("  types: " + string.Join(", ",
            EventSchema.Types.Values.Select(t => Invariant($"{t} {100.0 * types.GetValueOrDefault(t) / n:F1} %"))));
    }

    /// <summary>Events with every field present, by type, from their own stream: the rule generator's sample.</summary>
    private static Dictionary<string, FlatEvent[]> Sample(long seed)
    {
        var rng = new SplitMix64(seed, "sample");
        var flat = new List<FlatEvent>(GenerateOptions.SampleEvents);
        using (var writer = new EventWriter())
        {
            for (var i = 0; i < GenerateOptions.SampleEvents; i++)
            {
                var line = Encoding.UTF8.GetString(writer.Line(EventGenerator.Next(rng, "smp", i), -1));
                flat.Add(FlatEvent.Parse(line, out var error) ?? throw new InvalidOperationException(error));
            }
        }

        return flat.GroupBy(e => e.TryGetString("type", out var t) ? t : "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    private static string Describe(string name, CanonicalRuleSet set)
    {
        var extra = set.Rules.Select(r => r.Conditions.Count - 1).ToArray();
        var nodes = set.Rules.SelectMany(r => r.Conditions.Skip(1)).SelectMany(c => c.Flatten()).ToArray();
        var ops = nodes.GroupBy(c => c.Op).OrderBy(g => g.Key).Select(g => $"{CanonicalCondition.Name(g.Key)} {g.Count()}");
        var perType = EventSchema.Types.Values.Select(t => set.Rules.Count(r => r.Conditions[0].Text == t));
        var depth = set.Rules.SelectMany(r => r.Conditions).Select(c => c.Depth()).DefaultIfEmpty(0).Max();
        return Invariant($"{name}: {set.Rules.Count} rules, 1 type equality + {extra.DefaultIfEmpty(0).Min()}-{extra.DefaultIfEmpty(0).Max()} conditions (mean {extra.DefaultIfEmpty(0).Average():F2}), group depth <= {depth}, per type {string.Join("/", perType)}\n  condition nodes below the type: {string.Join(", ", ops)}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
