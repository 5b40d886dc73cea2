using MemoryTriggers.Compare.Canonical;
using MemoryTriggers.Compare.Reference;

namespace MemoryTriggers.Compare.Tests.Reference;

public sealed class ExpectedMatchWriterTests
{
    [Fact]
    public void Line_MatchesAndNoMatches_FollowTheOutputContract()
    {
        Assert.Equal("3\tr0001,r0002\n", ExpectedMatchWriter.Line(3, ["r0001", "r0002"]));
        Assert.Equal("4\t\n", ExpectedMatchWriter.Line(4, []));
    }

    [Fact]
    public void Write_Stream_WritesOneLinePerEventAndSkipsEmptyLines()
    {
        using var directory = new TempDirectory();
        var events = directory.File("events.jsonl");
        File.WriteAllText(events, "{\"type\":\"a\",\"n\":1}\n\n{\"type\":\"b\"}\n{\"type\":\"a\",\"n\":5}\n");
        var set = new CanonicalRuleSet(1, 2,
        [
            new CanonicalRule("r0000", [CanonicalCondition.String(CanonicalOp.Eq, "type", "a")]),
            new CanonicalRule("r0001", [CanonicalCondition.String(CanonicalOp.Eq, "type", "a"), CanonicalCondition.Compare(CanonicalOp.Gt, "n", 2)]),
        ]);
        var output = directory.File("expected/out.matches");

        var statistics = new ExpectedMatchWriter([set]).Write(events, _ => output);

        Assert.Equal("0\tr0000\n1\t\n2\tr0000,r0001\n", File.ReadAllText(output));
        Assert.Equal(3, statistics[0].Events);
        Assert.Equal(2, statistics[0].EventsMatched);
        Assert.Equal(3, statistics[0].Matches);
        Assert.Equal(0, statistics[0].RulesNeverMatched);
    }

    [Fact]
    public void Write_EventThatIsNotAnObject_ThrowsNamingFileAndEvent()
    {
        using var directory = new TempDirectory();
        var events = directory.File("events.jsonl");
        File.WriteAllText(events, "{\"type\":\"a\"}\n[1]\n");
        var writer = new ExpectedMatchWriter([new CanonicalRuleSet(1, 0, [])]);

        var error = Assert.Throws<InvalidDataException>(() => writer.Write(events, _ => directory.File("out.matches")));

        Assert.Equal($"{events}: event 1: an event must be a JSON object", error.Message);
    }
}
