using System.Text.Json;
using MemoryTriggers.Compare.Canonical;
using MemoryTriggers.Compare.Generation;

namespace MemoryTriggers.Compare.Tests.Generation;

public sealed class DataGeneratorTests : IClassFixture<GeneratedData>
{
    private static readonly HashSet<string> NumberPaths = ["score", "user.age_days", "message.length", "latency_ms", "tokens"];

    private readonly GeneratedData _data;

    public DataGeneratorTests(GeneratedData data)
    {
        _data = data;
    }

    [Fact]
    public void Run_SameSeed_WritesByteIdenticalFiles()
    {
        using var again = new TempDirectory();

        DataGenerator.Run(new GenerateOptions(again.Path, 42, [12, 150], 3000), TextWriter.Null);

        var files = Files(_data.Directory);
        Assert.Equal(files, Files(again.Path));
        Assert.All(files, f => Assert.True(
            File.ReadAllBytes(Path.Combine(_data.Directory, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again.Path, f))), f));
    }

    [Fact]
    public void Run_OtherSeed_WritesOtherRulesAndEvents()
    {
        using var other = new TempDirectory();

        DataGenerator.Run(new GenerateOptions(other.Path, 43, [12], 50), TextWriter.Null);

        Assert.NotEqual(File.ReadAllText(_data.File("rules-12.canonical.json"))[30..], File.ReadAllText(other.File("rules-12.canonical.json"))[30..]);
        Assert.NotEqual(File.ReadLines(_data.File("events-fixed.jsonl")).First(), File.ReadLines(other.File("events-fixed.jsonl")).First());
    }

    [Fact]
    public void Run_Always_WritesExactlyTheGeneratorFilesOfTheProtocolTable()
    {
        Assert.Equal(
            [
                "events-fixed.jsonl", "events-varied.jsonl",
                "expected/rules-12.fixed.matches", "expected/rules-12.varied.matches",
                "expected/rules-150.fixed.matches", "expected/rules-150.varied.matches",
                "ours/rules-12.yaml", "ours/rules-150.yaml",
                "rules-12.canonical.json", "rules-150.canonical.json",
            ],
            Files(_data.Directory));
    }

    [Fact]
    public void Run_Sizes_SmallerSetIsAPrefixOfTheLarger()
    {
        var small = Read("rules-12.canonical.json");
        var large = Read("rules-150.canonical.json");

        Assert.Equal(12, small.Rules.Count);
        Assert.Equal(150, large.Rules.Count);
        Assert.Equal(
            CanonicalWriter.Write(small with { Size = 0 }),
            CanonicalWriter.Write(new CanonicalRuleSet(small.Seed, 0, large.Rules.Take(12).ToArray())));
    }

    [Fact]
    public void Run_Rules_KeepTheGenerationConstraints()
    {
        var set = Read("rules-150.canonical.json");
        var optional = EventSchema.Fields.Where(f => f.Optional).Select(f => f.Path).ToHashSet();
        var always = EventSchema.Fields.Where(f => !f.Optional).Select(f => f.Path).Append("type").ToHashSet();

        Assert.Equal(42, set.Seed);
        Assert.Equal(set.Rules.Select((_, i) => $"r{i:D4}"), set.Rules.Select(r => r.Id));
        foreach (var rule in set.Rules)
        {
            var first = rule.Conditions[0];
            Assert.True(first is { Op: CanonicalOp.Eq, Path: "type" } && EventSchema.Types.Values.Contains(first.Text), rule.Id);
            Assert.InRange(rule.Conditions.Count - 1, 1, 5);
            var leaves = rule.Conditions.SelectMany(c => c.Flatten()).Where(c => c.IsLeaf).ToArray();
            Assert.Equal(leaves.Length, leaves.Select(l => l.Path).Distinct().Count());
            foreach (var top in rule.Conditions.Skip(1))
            {
                Assert.True(top.Depth() <= 3, rule.Id);
                if (top.IsLeaf)
                {
                    Assert.True(always.Contains(top.Path!) || (optional.Contains(top.Path!) && top.Op != CanonicalOp.Ne), $"{rule.Id} {top.Path}");
                }
                else
                {
                    foreach (var node in top.Flatten().Skip(1))
                    {
                        Assert.True(node.IsLeaf ? always.Contains(node.Path!) && node.Path!.Contains('.', StringComparison.Ordinal) : node.Conditions.Count is 2 or 3, $"{rule.Id} {node.Path}");
                    }

                    Assert.InRange(top.Conditions.Count, 2, 3);
                }
            }

            foreach (var leaf in leaves)
            {
                Assert.InRange(leaf.Path!.Split('.').Length, 1, 4);
                switch (leaf.Op)
                {
                    case CanonicalOp.Gt or CanonicalOp.Lt or CanonicalOp.Between:
                        Assert.Contains(leaf.Path!, NumberPaths);
                        break;
                    case CanonicalOp.In:
                        Assert.InRange(leaf.Values.Count, 5, 20);
                        Assert.Equal(leaf.Values.Count, leaf.Values.Distinct().Count());
                        Assert.All(leaf.Values, v => Assert.True(StringRules.IsSafe(v), v));
                        break;
                    case CanonicalOp.Regex:
                        Assert.DoesNotContain("(?", leaf.Pattern!, StringComparison.Ordinal);
                        Assert.DoesNotContain(leaf.Pattern!, c => c > '~');
                        break;
                    default:
                        Assert.True(StringRules.IsSafe(leaf.Text), leaf.Text);
                        Assert.DoesNotContain(leaf.Path!, NumberPaths);
                        break;
                }
            }
        }

        var ops = set.Rules.SelectMany(r => r.Conditions.Skip(1)).SelectMany(c => c.Flatten()).Select(c => c.Op).ToHashSet();
        Assert.Equal(Enum.GetValues<CanonicalOp>().ToHashSet(), ops);
    }

    [Fact]
    public void Run_FixedEvents_HaveEveryFieldInEveryEvent()
    {
        var shapes = File.ReadLines(_data.File("events-fixed.jsonl")).Select(Shape).Distinct().ToArray();

        var shape = Assert.Single(shapes);
        Assert.Equal(EventSchema.RequiredFields.Concat(EventSchema.OptionalFields).Order(), shape.Split(',').Order());
    }

    [Fact]
    public void Run_VariedEvents_Have20To50ShapesOf6To15Fields()
    {
        var lines = File.ReadLines(_data.File("events-varied.jsonl")).ToArray();
        var shapes = lines.Select(Shape).ToArray();

        Assert.Equal(3000, lines.Length);
        Assert.InRange(shapes.Distinct().Count(), 20, 50);
        Assert.All(shapes, s => Assert.InRange(s.Split(',').Length, 6, 15));
        Assert.All(shapes, s => Assert.Equal(EventSchema.RequiredFields, s.Split(',').Take(6)));
        foreach (var field in EventSchema.OptionalFields)
        {
            var share = shapes.Count(s => s.Split(',').Contains(field)) / (double)shapes.Length;
            Assert.InRange(share, 0.25, 0.75);
        }
    }

    [Theory]
    [InlineData("events-fixed.jsonl")]
    [InlineData("events-varied.jsonl")]
    public void Run_Events_HaveSafeStringsAndNumbersOnlyOnNumericFields(string file)
    {
        foreach (var line in File.ReadLines(_data.File(file)))
        {
            using var document = JsonDocument.Parse(line);
            Walk(document.RootElement, "");
        }

        static void Walk(JsonElement element, string path)
        {
            foreach (var property in element.EnumerateObject())
            {
                var inner = path.Length == 0 ? property.Name : path + "." + property.Name;
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.Object:
                        Walk(property.Value, inner);
                        break;
                    case JsonValueKind.Number:
                        Assert.Contains(inner, NumberPaths);
                        Assert.True(property.Value.TryGetInt64(out _), inner);
                        break;
                    case JsonValueKind.String:
                        Assert.DoesNotContain(inner, NumberPaths);
                        Assert.True(StringRules.IsSafe(property.Value.GetString()), $"{inner}: {property.Value.GetString()}");
                        break;
                    default:
                        Assert.Fail($"{inner} is {property.Value.ValueKind}");
                        break;
                }
            }
        }
    }

    [Fact]
    public void Run_ExpectedMatches_HaveOneLinePerEventInOrder()
    {
        var lines = File.ReadAllLines(_data.File("expected/rules-150.varied.matches"));

        Assert.Equal(3000, lines.Length);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines.Select(l => l.Split('\t')[0]));
        Assert.All(lines, l =>
        {
            var ids = l.Split('\t')[1];
            Assert.Equal(ids.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), ids.Split(',', StringSplitOptions.RemoveEmptyEntries));
        });
        Assert.Contains(lines, l => l.EndsWith('\t'));
        Assert.Contains(lines, l => !l.EndsWith('\t'));
    }

    [Fact]
    public void Run_Always_PrintsShapesAndMatchStatistics()
    {
        var log = _data.Log.ToString();

        Assert.Contains("distinct shapes", log, StringComparison.Ordinal);
        Assert.Contains("rules-150   varied", log, StringComparison.Ordinal);
        Assert.Contains("mean % of same-type rules", log, StringComparison.Ordinal);
    }

    private CanonicalRuleSet Read(string name) =>
        CanonicalReader.Read(File.ReadAllText(_data.File(name)), out var error) ?? throw new InvalidOperationException(error);

    private static string Shape(string line)
    {
        using var document = JsonDocument.Parse(line);
        return string.Join(',', document.RootElement.EnumerateObject().Select(p => p.Name));
    }

    private static string[] Files(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
