using FsCheck;
using FsCheck.Fluent;
using MemoryTriggers.Compare.Canonical;

namespace MemoryTriggers.Compare.Tests.Canonical;

public sealed class CanonicalReaderTests
{
    private const string Valid = """
        {"seed":7,"size":2,"rules":[
        {"id":"r0000","conditions":[{"op":"eq","path":"type","value":"a"},{"op":"ne","path":"user.tier","value":"free"},{"op":"gt","path":"score","value":5},{"op":"lt","path":"score","value":9.5}]},
        {"id":"r0001","conditions":[{"op":"eq","path":"type","value":"b"},{"op":"between","path":"n","min":1,"max":2},{"op":"in","path":"x","values":["p","q"]},{"op":"contains","path":"message.text","value":"err"},{"op":"regex","path":"message.text","pattern":"\\bword\\b"},{"op":"any","conditions":[{"op":"all","conditions":[{"op":"eq","path":"a.b.c.d","value":"v"},{"op":"eq","path":"a.b","value":"w"}]},{"op":"eq","path":"z.y","value":"u"}]}]}
        ]}
        """;

    [Fact]
    public void Read_ValidSet_ReadsEveryOperator()
    {
        var set = CanonicalReader.Read(Valid, out var error);

        Assert.Null(error);
        Assert.NotNull(set);
        Assert.Equal(7, set.Seed);
        Assert.Equal(2, set.Size);
        Assert.Equal(["r0000", "r0001"], set.Rules.Select(r => r.Id));
        var ops = set.Rules.SelectMany(r => r.Conditions).SelectMany(c => c.Flatten()).Select(c => c.Op).Distinct().Order();
        Assert.Equal(Enum.GetValues<CanonicalOp>(), ops);
        var between = set.Rules[1].Conditions[1];
        Assert.Equal((1.0, 2.0), (between.Min, between.Max));
        Assert.Equal(9.5, set.Rules[0].Conditions[3].Number);
        Assert.Equal(@"\bword\b", set.Rules[1].Conditions[4].Pattern);
        Assert.Equal(2, set.Rules[1].Conditions[5].Depth());
    }

    [Fact]
    public void Read_WrittenSet_RoundTripsToTheSameText()
    {
        var set = CanonicalReader.Read(Valid, out _)!;
        var written = CanonicalWriter.Write(set);

        var again = CanonicalReader.Read(written, out var error);

        Assert.Null(error);
        Assert.Equal(written, CanonicalWriter.Write(again!));
    }

    [Theory]
    [InlineData("[1]", "the root must be an object with 'rules'")]
    [InlineData("{\"rules\":5}", "'rules' must be an array")]
    [InlineData("{\"seed\":\"x\",\"rules\":[]}", "'seed' must be an integer")]
    [InlineData("{\"rules\":[{\"conditions\":[]}]}", "rules[0]: 'id' must be a non-empty string")]
    [InlineData("{\"rules\":[{\"id\":\"r\",\"conditions\":[]}]}", "rules[0]: 'conditions' must be a non-empty array")]
    [InlineData("{\"rules\":[{\"id\":\"r\",\"conditions\":[{\"op\":\"like\",\"path\":\"a\",\"value\":\"b\"}]}]}", "rules[0].conditions[0]: unknown op 'like'")]
    [InlineData("{\"rules\":[{\"id\":\"r\",\"conditions\":[{\"op\":\"eq\",\"path\":\"a\",\"value\":5}]}]}", "rules[0].conditions[0]: 'value' must be a string")]
    [InlineData("{\"rules\":[{\"id\":\"r\",\"conditions\":[{\"op\":\"gt\",\"path\":\"a\",\"value\":\"5\"}]}]}", "rules[0].conditions[0]: 'value' must be a finite number")]
    [InlineData("{\"rules\":[{\"id\":\"r\",\"conditions\":[{\"op\":\"between\",\"path\":\"a\",\"min\":3,\"max\":2}]}]}", "rules[0].conditions[0]: 'min' is above 'max'")]
    [InlineData("{\"rules\":[{\"id\":\"r\",\"conditions\":[{\"op\":\"in\",\"path\":\"a\",\"values\":[\"x\",1]}]}]}", "rules[0].conditions[0]: 'values' must be a non-empty array of strings")]
    [InlineData("{\"rules\":[{\"id\":\"r\",\"conditions\":[{\"op\":\"regex\",\"path\":\"a\",\"pattern\":\"(\"}]}]}", "rules[0].conditions[0]: 'pattern' is not a valid regular expression")]
    [InlineData("{\"rules\":[{\"id\":\"r\",\"conditions\":[{\"op\":\"eq\",\"path\":\"a.b.c.d.e\",\"value\":\"x\"}]}]}", "rules[0].conditions[0]: 'path' must be a dotted path of 1-4 non-empty segments")]
    [InlineData("{\"rules\":[{\"id\":\"r\",\"conditions\":[{\"op\":\"eq\",\"path\":\"a..b\",\"value\":\"x\"}]}]}", "rules[0].conditions[0]: 'path' must be a dotted path")]
    [InlineData("{\"rules\":[{\"id\":\"r\",\"conditions\":[{\"op\":\"eq\",\"path\":\"a\",\"value\":\"x\"}]},{\"id\":\"r\",\"conditions\":[{\"op\":\"eq\",\"path\":\"a\",\"value\":\"x\"}]}]}", "rules[1]: duplicate id 'r'")]
    [InlineData("{\"rules\":", "not valid JSON")]
    public void Read_InvalidInput_NamesTheProblem(string json, string expected)
    {
        var set = CanonicalReader.Read(json, out var error);

        Assert.Null(set);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GroupsNestedDeeperThanThree_IsAnError()
    {
        const string leaf = "{\"op\":\"eq\",\"path\":\"a\",\"value\":\"x\"}";
        var condition = leaf;
        for (var i = 0; i < 4; i++)
        {
            condition = "{\"op\":\"all\",\"conditions\":[" + condition + "]}";
        }

        var set = CanonicalReader.Read("{\"rules\":[{\"id\":\"r\",\"conditions\":[" + condition + "]}]}", out var error);

        Assert.Null(set);
        Assert.Equal("rules[0].conditions[0].conditions[0].conditions[0].conditions[0]: groups nest deeper than 3", error);
    }

    [Fact]
    public void Read_RandomText_GivesAnErrorNeverAnException()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            var set = CanonicalReader.Read(text ?? "", out var error);
            return set is not null || !string.IsNullOrEmpty(error);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Read_ValidJsonWithOneCharacterChanged_GivesAnErrorOrASetNeverAnException()
    {
        var characters = Gen.Elements('"', '{', '}', '[', ']', ':', ',', '1', '-', 'e', 'x', '.', '\\', ' ', '(');
        Prop.ForAll(Gen.Choose(0, Valid.Length - 1).ToArbitrary(), characters.ToArbitrary(), (position, character) =>
        {
            var mutated = Valid[..position] + character + Valid[(position + 1)..];
            var set = CanonicalReader.Read(mutated, out var error);
            return (set is null) != (error is null);
        }).QuickCheckThrowOnFailure();
    }
}
