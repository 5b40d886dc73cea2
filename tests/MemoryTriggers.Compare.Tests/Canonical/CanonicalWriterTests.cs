using MemoryTriggers.Compare.Canonical;

namespace MemoryTriggers.Compare.Tests.Canonical;

public sealed class CanonicalWriterTests
{
    [Fact]
    public void Write_OneRulePerLine_WithTheProtocolFieldNames()
    {
        var set = new CanonicalRuleSet(42, 2,
        [
            new CanonicalRule("r0000", [CanonicalCondition.String(CanonicalOp.Eq, "type", "a"), CanonicalCondition.Match("message.text", @"^(x|y)\b")]),
            new CanonicalRule("r0001", [CanonicalCondition.Range("score", 1, 20), CanonicalCondition.Group(CanonicalOp.Any, [CanonicalCondition.InList("a.b", ["p", "q"])])]),
        ]);

        var text = CanonicalWriter.Write(set);

        Assert.Equal(
            """
            {"seed":42,"size":2,"rules":[
            {"id":"r0000","conditions":[{"op":"eq","path":"type","value":"a"},{"op":"regex","path":"message.text","pattern":"^(x|y)\\b"}]},
            {"id":"r0001","conditions":[{"op":"between","path":"score","min":1,"max":20},{"op":"any","conditions":[{"op":"in","path":"a.b","values":["p","q"]}]}]}
            ]}

            """.ReplaceLineEndings("\n"),
            text);
    }
}
