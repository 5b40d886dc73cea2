using MemoryTriggers.Compare.Canonical;
using MemoryTriggers.Compare.Reference;

namespace MemoryTriggers.Compare.Tests.Reference;

public sealed class ReferenceEvaluatorTests
{
    private const string Event = """
        {"type":"chat","score":42,"flag":true,"nothing":null,"list":["a"],
         "user":{"tier":"pro","n":"7"},
         "message":{"text":"please remember the deploy","meta":{"source":{"kind":"human"}}}}
        """;

    private static readonly ReferenceEvaluator Evaluator = new([]);
    private static readonly FlatEvent Flat = FlatEvent.Parse(Event, out _)!;

    private static readonly Dictionary<string, (CanonicalCondition Condition, bool Expected)> Cases = new()
    {
        ["eq holds"] = (CanonicalCondition.String(CanonicalOp.Eq, "user.tier", "pro"), true),
        ["eq is ordinal"] = (CanonicalCondition.String(CanonicalOp.Eq, "user.tier", "Pro"), false),
        ["eq on a number"] = (CanonicalCondition.String(CanonicalOp.Eq, "score", "42"), false),
        ["eq on a missing path"] = (CanonicalCondition.String(CanonicalOp.Eq, "user.plan", "pro"), false),
        ["eq on an object"] = (CanonicalCondition.String(CanonicalOp.Eq, "user", "pro"), false),
        ["eq on null"] = (CanonicalCondition.String(CanonicalOp.Eq, "nothing", "null"), false),
        ["eq 4 deep"] = (CanonicalCondition.String(CanonicalOp.Eq, "message.meta.source.kind", "human"), true),
        ["ne holds"] = (CanonicalCondition.String(CanonicalOp.Ne, "user.tier", "free"), true),
        ["ne on the value"] = (CanonicalCondition.String(CanonicalOp.Ne, "user.tier", "pro"), false),
        ["ne on a missing path"] = (CanonicalCondition.String(CanonicalOp.Ne, "user.plan", "pro"), false),
        ["ne on a number"] = (CanonicalCondition.String(CanonicalOp.Ne, "score", "x"), false),
        ["ne on a boolean"] = (CanonicalCondition.String(CanonicalOp.Ne, "flag", "x"), false),
        ["gt holds"] = (CanonicalCondition.Compare(CanonicalOp.Gt, "score", 41), true),
        ["gt is strict"] = (CanonicalCondition.Compare(CanonicalOp.Gt, "score", 42), false),
        ["gt on a numeric string"] = (CanonicalCondition.Compare(CanonicalOp.Gt, "user.n", 1), false),
        ["gt on a missing path"] = (CanonicalCondition.Compare(CanonicalOp.Gt, "missing", -1), false),
        ["lt holds"] = (CanonicalCondition.Compare(CanonicalOp.Lt, "score", 42.5), true),
        ["lt is strict"] = (CanonicalCondition.Compare(CanonicalOp.Lt, "score", 42), false),
        ["lt on a boolean"] = (CanonicalCondition.Compare(CanonicalOp.Lt, "flag", 2), false),
        ["between inclusive low"] = (CanonicalCondition.Range("score", 42, 50), true),
        ["between inclusive high"] = (CanonicalCondition.Range("score", 0, 42), true),
        ["between outside"] = (CanonicalCondition.Range("score", 43, 50), false),
        ["between on a missing path"] = (CanonicalCondition.Range("missing", 0, 100), false),
        ["in holds"] = (CanonicalCondition.InList("user.tier", ["free", "pro"]), true),
        ["in misses"] = (CanonicalCondition.InList("user.tier", ["free", "team"]), false),
        ["in on a number"] = (CanonicalCondition.InList("score", ["42"]), false),
        ["in on a list"] = (CanonicalCondition.InList("list", ["a"]), false),
        ["contains holds"] = (CanonicalCondition.String(CanonicalOp.Contains, "message.text", "deploy"), true),
        ["contains is case-sensitive"] = (CanonicalCondition.String(CanonicalOp.Contains, "message.text", "Deploy"), false),
        ["contains on a list"] = (CanonicalCondition.String(CanonicalOp.Contains, "list", "a"), false),
        ["contains on a missing path"] = (CanonicalCondition.String(CanonicalOp.Contains, "message.title", "x"), false),
        ["regex searches"] = (CanonicalCondition.Match("message.text", @"\bremember\b"), true),
        ["regex anchored"] = (CanonicalCondition.Match("message.text", "^remember"), false),
        ["regex on a number"] = (CanonicalCondition.Match("score", @"\d"), false),
        ["regex on a missing path"] = (CanonicalCondition.Match("missing", ".*"), false),
        ["all holds"] = (CanonicalCondition.Group(CanonicalOp.All, [Eq("user.tier", "pro"), Eq("type", "chat")]), true),
        ["all fails on one"] = (CanonicalCondition.Group(CanonicalOp.All, [Eq("user.tier", "pro"), Eq("type", "x")]), false),
        ["any holds on one"] = (CanonicalCondition.Group(CanonicalOp.Any, [Eq("user.tier", "x"), Eq("type", "chat")]), true),
        ["any fails on none"] = (CanonicalCondition.Group(CanonicalOp.Any, [Eq("user.tier", "x"), Eq("type", "y")]), false),
        ["any with a missing path"] = (CanonicalCondition.Group(CanonicalOp.Any, [Eq("missing", "x"), Eq("type", "chat")]), true),
        ["nested 3 deep"] = (CanonicalCondition.Group(CanonicalOp.All, [CanonicalCondition.Group(CanonicalOp.Any, [CanonicalCondition.Group(CanonicalOp.All, [Eq("type", "chat")]), Eq("x", "y")])]), true),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Holds_EachOperator_FollowsTheProtocolTable(string name)
    {
        var (condition, expected) = Cases[name];

        Assert.Equal(expected, Evaluator.Holds(condition, Flat));
    }

    [Fact]
    public void Evaluate_RulesOfSeveralTypes_ReturnsMatchingIdsSorted()
    {
        var evaluator = new ReferenceEvaluator(
        [
            new CanonicalRule("r0003", [Eq("type", "chat"), Eq("user.tier", "pro")]),
            new CanonicalRule("r0001", [Eq("type", "chat")]),
            new CanonicalRule("r0002", [Eq("type", "other")]),
            new CanonicalRule("r0000", [Eq("user.tier", "pro")]),
            new CanonicalRule("r0004", [Eq("type", "chat"), Eq("user.tier", "free")]),
        ]);
        var matched = new List<string>();

        evaluator.Evaluate(Flat, matched);

        Assert.Equal(["r0000", "r0001", "r0003"], matched);
    }

    [Fact]
    public void Evaluate_EventWithoutAType_TestsOnlyRulesWithoutATypeEquality()
    {
        var evaluator = new ReferenceEvaluator([new CanonicalRule("r0000", [Eq("type", "chat")]), new CanonicalRule("r0001", [Eq("a", "b")])]);
        var matched = new List<string>();

        evaluator.Evaluate(FlatEvent.Parse("""{"a":"b"}""", out _)!, matched);

        Assert.Equal(["r0001"], matched);
    }

    private static CanonicalCondition Eq(string path, string value) => CanonicalCondition.String(CanonicalOp.Eq, path, value);
}
