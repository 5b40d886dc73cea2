using MemoryTriggers.Policies;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;
using static MemoryTriggers.Tests.Policies.Evaluation.ConditionHarness;

namespace MemoryTriggers.Tests.Policies.Evaluation;

public sealed class FieldConditionTests
{
    public static TheoryData<string> MissingOrNull => new()
    {
        """{}""",
        """{"f": null}""",
        """{"other": "x"}""",
    };

    [Theory]
    [MemberData(nameof(MissingOrNull))]
    public void PositiveOperators_FieldMissingOrNull_AreFalse(string json)
    {
        Assert.False(Evaluate(Eq("f", "x"), json));
        Assert.False(Evaluate(Eq("f", 0), json));
        Assert.False(Evaluate(Eq("f", false), json));
        Assert.False(Evaluate(Has("f", "x"), json));
        Assert.False(Evaluate(Regex("f", ".*"), json));
        Assert.False(Evaluate(Gt("f", -1e300), json));
        Assert.False(Evaluate(Lt("f", 1e300), json));
        Assert.False(Evaluate(Between("f", double.MinValue, double.MaxValue), json));
        Assert.False(Evaluate(In("f", "x", 0, false, ""), json));
        Assert.False(Evaluate(Exists("f"), json));
    }

    [Theory]
    [MemberData(nameof(MissingOrNull))]
    public void NegatedOperators_FieldMissingOrNull_AreTrue(string json)
    {
        Assert.True(Evaluate(Ne("f", "x"), json));
        Assert.True(Evaluate(Ne("f", 0), json));
        Assert.True(Evaluate(HasNot("f", "x"), json));
        Assert.True(Evaluate(NotIn("f", "x", 0, false), json));
        Assert.True(Evaluate(NotExists("f"), json));
    }

    [Theory]
    [MemberData(nameof(MissingOrNull))]
    public void NestedPath_ParentMissingOrNull_BehavesAsMissing(string json)
    {
        Assert.False(Evaluate(Eq("f.g.h", "x"), json));
        Assert.True(Evaluate(Eq("f.g.h", null), json));
        Assert.True(Evaluate(Ne("f.g.h", "x"), json));
        Assert.True(Evaluate(NotExists("f.g"), json));
    }

    [Theory]
    [InlineData("""{"f": "Database timeout"}""", "timeout", true)]
    [InlineData("""{"f": "Database timeout"}""", "Timeout", false)]
    [InlineData("""{"f": "Database timeout"}""", "", true)]
    [InlineData("""{"f": "straße"}""", "STRASSE", false)]
    [InlineData("""{"f": "İstanbul"}""", "istanbul", false)]
    [InlineData("""{"f": "v1.2.3"}""", ".2.", true)]
    public void Contains_String_IsOrdinalCaseSensitiveSubstring(string json, string needle, bool expected)
    {
        Assert.Equal(expected, Evaluate(Has("f", needle), json));
        Assert.Equal(!expected, Evaluate(HasNot("f", needle), json));
    }

    [Theory]
    [InlineData("""{"f": ["urgent", "billing"]}""", "billing", true)]
    [InlineData("""{"f": ["urgent", "billing"]}""", "bill", false)]
    [InlineData("""{"f": ["urgent", "billing"]}""", "URGENT", false)]
    [InlineData("""{"f": []}""", "urgent", false)]
    [InlineData("""{"f": [1, 2, 3]}""", "2", true)]
    [InlineData("""{"f": ["1", "2"]}""", "2", true)]
    [InlineData("""{"f": [true]}""", "true", false)]
    public void Contains_List_TestsItemEquality(string json, string item, bool expected)
    {
        Assert.Equal(expected, Evaluate(Has("f", item), json));
        Assert.Equal(!expected, Evaluate(HasNot("f", item), json));
    }

    [Fact]
    public void Contains_ListWithNumberOperand_UsesTheEqualityRule()
    {
        Assert.True(Evaluate(Has("f", 2), """{"f": [1, 2, 3]}"""));
        Assert.True(Evaluate(Has("f", 2), """{"f": ["1", "2.0"]}"""));
        Assert.False(Evaluate(Has("f", 1), """{"f": [true]}"""));
        Assert.True(Evaluate(Has("f", true), """{"f": [false, true]}"""));
        Assert.False(Evaluate(Has("f", true), """{"f": ["true", 1]}"""));
    }

    [Theory]
    [InlineData("""{"f": {"error": 1, "warning": null}}""", "error", true)]
    [InlineData("""{"f": {"error": 1, "warning": null}}""", "warning", true)]
    [InlineData("""{"f": {"error": 1}}""", "Error", false)]
    [InlineData("""{"f": {"error": 1}}""", "1", false)]
    [InlineData("""{"f": {}}""", "error", false)]
    public void Contains_Map_TestsKeyPresence(string json, string key, bool expected)
    {
        Assert.Equal(expected, Evaluate(Has("f", key), json));
        Assert.Equal(!expected, Evaluate(HasNot("f", key), json));
    }

    [Theory]
    [InlineData("""{"f": 12345}""", false)]
    [InlineData("""{"f": true}""", false)]
    public void Contains_NeitherStringListNorMap_IsFalse(string json, bool expected)
    {
        Assert.Equal(expected, Evaluate(Has("f", "23"), json));
        Assert.Equal(!expected, Evaluate(HasNot("f", "23"), json));
    }

    [Theory]
    [InlineData("""{"f": 5}""", 4, true)]
    [InlineData("""{"f": 5}""", 5, false)]
    [InlineData("""{"f": 5.5}""", 5, true)]
    [InlineData("""{"f": "5.5"}""", 5, true)]
    [InlineData("""{"f": "1e3"}""", 999, true)]
    [InlineData("""{"f": -0.5}""", -1, true)]
    [InlineData("""{"f": "five"}""", 4, false)]
    [InlineData("""{"f": true}""", 0, false)]
    [InlineData("""{"f": [10]}""", 4, false)]
    [InlineData("""{"f": {"v": 10}}""", 4, false)]
    public void GreaterThan_ComparesNumbersAndNumericStrings(string json, double threshold, bool expected) =>
        Assert.Equal(expected, Evaluate(Gt("f", threshold), json));

    [Theory]
    [InlineData("""{"f": 3}""", true)]
    [InlineData("""{"f": "3"}""", true)]
    [InlineData("""{"f": 4}""", false)]
    [InlineData("""{"f": false}""", false)]
    public void LessThan_ComparesNumbersAndNumericStrings(string json, bool expected) =>
        Assert.Equal(expected, Evaluate(Lt("f", 4), json));

    [Fact]
    public void GreaterThan_NumericStringOperand_IsAccepted()
    {
        Assert.True(Evaluate(Gt("f", "0.5"), """{"f": 0.75}"""));
        Assert.False(Evaluate(Lt("f", "0.5"), """{"f": 0.75}"""));
    }

    [Theory]
    [InlineData("""{"f": 1}""", true)]
    [InlineData("""{"f": 10}""", true)]
    [InlineData("""{"f": "5"}""", true)]
    [InlineData("""{"f": 0.999}""", false)]
    [InlineData("""{"f": 10.001}""", false)]
    [InlineData("""{"f": "x"}""", false)]
    [InlineData("""{"f": true}""", false)]
    public void Between_IsInclusiveAtBothEnds(string json, bool expected) =>
        Assert.Equal(expected, Evaluate(Between("f", 1, 10), json));

    [Theory]
    [InlineData("""{"f": "a"}""", true)]
    [InlineData("""{"f": "A"}""", false)]
    [InlineData("""{"f": 1}""", true)]
    [InlineData("""{"f": "1"}""", true)]
    [InlineData("""{"f": 1.0}""", true)]
    [InlineData("""{"f": true}""", true)]
    [InlineData("""{"f": "true"}""", false)]
    [InlineData("""{"f": false}""", false)]
    [InlineData("""{"f": 2}""", false)]
    public void InList_UsesTheEqualityRule(string json, bool expected)
    {
        Assert.Equal(expected, Evaluate(In("f", "a", 1, true), json));
        Assert.Equal(!expected, Evaluate(NotIn("f", "a", 1, true), json));
    }

    [Fact]
    public void InList_NullAmongValues_MatchesMissingAndNull()
    {
        Assert.True(Evaluate(In("f", "a", null), """{}"""));
        Assert.True(Evaluate(In("f", "a", null), """{"f": null}"""));
        Assert.False(Evaluate(NotIn("f", "a", null), """{}"""));
    }

    [Fact]
    public void InList_NoValues_IsFalseAndNotInListTrue()
    {
        Assert.False(Evaluate(In("f"), """{"f": "a"}"""));
        Assert.True(Evaluate(NotIn("f"), """{"f": "a"}"""));
    }

    [Theory]
    [InlineData("""{"f": 0}""", true)]
    [InlineData("""{"f": ""}""", true)]
    [InlineData("""{"f": false}""", true)]
    [InlineData("""{"f": []}""", true)]
    [InlineData("""{"f": {}}""", true)]
    [InlineData("""{"f": null}""", false)]
    [InlineData("""{}""", false)]
    public void Exists_IsPresentAndNotNull(string json, bool expected)
    {
        Assert.Equal(expected, Evaluate(Exists("f"), json));
        Assert.Equal(!expected, Evaluate(NotExists("f"), json));
    }

    [Theory]
    [InlineData("""{"f": "a"}""")]
    [InlineData("""{"f": "b"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"f": null}""")]
    [InlineData("""{"f": 5}""")]
    [InlineData("""{"f": ["a"]}""")]
    public void Negate_InvertsEveryFieldOperator(string json)
    {
        PolicyCondition[] conditions =
        [
            Eq("f", "a"), Ne("f", "a"), Has("f", "a"), HasNot("f", "a"), Gt("f", 1), Lt("f", 10),
            Between("f", 0, 10), In("f", "a", 5), NotIn("f", "a"), Exists("f"), NotExists("f"), Regex("f", "^a$"),
        ];

        foreach (var condition in conditions)
        {
            Assert.Equal(!Evaluate(condition, json), Evaluate(Not(condition), json));
        }
    }

    [Theory]
    [InlineData("errors.0.code", "E1", true)]
    [InlineData("errors.1.code", "E2", true)]
    [InlineData("errors.1.code", "E1", false)]
    [InlineData("errors.2.code", null, true)]
    [InlineData("errors.0.tags.1", "db", true)]
    [InlineData("matrix.1.0", 3, true)]
    [InlineData("byindex.0", "zero", true)]
    public void Path_WithListIndexes_ReadsItems(string path, object? expected, bool result)
    {
        const string json = """
            {
              "errors": [ { "code": "E1", "tags": ["net", "db"] }, { "code": "E2" } ],
              "matrix": [ [1, 2], [3, 4] ],
              "byindex": { "0": "zero" }
            }
            """;

        Assert.Equal(result, Evaluate(Eq(path, expected), json));
    }

    [Fact]
    public void Path_IndexOutOfRangeOrOnNonList_IsMissing()
    {
        const string json = """{"errors": [ {"code": "E1"} ], "name": "abc"}""";

        Assert.True(Evaluate(NotExists("errors.1.code"), json));
        Assert.True(Evaluate(NotExists("errors.-1.code"), json));
        Assert.True(Evaluate(NotExists("name.0"), json));
        Assert.True(Evaluate(NotExists("errors.code"), json));
        Assert.True(Evaluate(Exists("errors.0"), json));
    }

    // JSON strings are compared as UTF-8 in place when they have no escapes; escaped ones, and operands that are
    // not well-formed UTF-16 (a lone surrogate), take the char path. Both must give the dictionary's answers.
    [Theory]
    [InlineData("""{"f": "ab"}""", true)]
    [InlineData("""{"f": "a\u0062"}""", true)]
    [InlineData("""{"f": "café"}""", true)]
    [InlineData("""{"f": "caf\u00e9"}""", true)]
    [InlineData("""{"f": "😀"}""", true)]
    [InlineData("""{"f": "\ud83d\ude00"}""", true)]
    [InlineData("""{"f": "1"}""", true)]
    [InlineData("""{"f": "1.0"}""", true)]
    [InlineData("""{"f": 1}""", true)]
    [InlineData("""{"f": "abc"}""", false)]
    [InlineData("""{"f": "AB"}""", false)]
    [InlineData("""{"f": "caf"}""", false)]
    [InlineData("""{"f": true}""", false)]
    public void InList_JsonStringsEscapedOrNot_SameAsDictionary(string json, bool expected)
    {
        Assert.Equal(expected, Evaluate(In("f", "ab", "café", "😀", 1, "x\ud83d"), json));
        Assert.Equal(!expected, Evaluate(NotIn("f", "ab", "café", "😀", 1, "x\ud83d"), json));
    }

    [Theory]
    [InlineData("""{"f": "x"}""", false)]
    [InlineData("""{"f": "ab"}""", true)]
    public void InList_OperandWithALoneSurrogate_ComparedAsChars(string json, bool expected) =>
        Assert.Equal(expected, Evaluate(In("f", "ab", "x\ud83d"), json));

    [Theory]
    [InlineData("""{"f": "café au lait"}""", "é a", true)]
    [InlineData("""{"f": "caf\u00e9 au lait"}""", "é a", true)]
    [InlineData("""{"f": "café"}""", "e", false)]
    [InlineData("""{"f": "😀 smile"}""", "😀", true)]
    [InlineData("""{"f": "😀 smile"}""", "\\ud83d", true)]
    [InlineData("""{"f": "\ud83d\ude00"}""", "\\ude00", true)]
    [InlineData("""{"f": "a/b"}""", "a/b", true)]
    [InlineData("""{"f": "a\/b"}""", "a/b", true)]
    [InlineData("""{"f": ""}""", "", true)]
    [InlineData("""{"f": ""}""", "a", false)]
    public void Contains_JsonStringsAndMultiByteOrSurrogateNeedles_SameAsDictionary(string json, string needle, bool expected)
    {
        // Attribute strings cannot hold a lone surrogate, so those needles come escaped.
        needle = System.Text.RegularExpressions.Regex.Unescape(needle);
        Assert.Equal(expected, Evaluate(Has("f", needle), json));
        Assert.Equal(!expected, Evaluate(HasNot("f", needle), json));
    }

    [Fact]
    public void Contains_JsonStringLongerThanTheStackBuffer_FindsTheNeedleAtTheEnd()
    {
        var json = $$"""{"f": "{{new string('x', 3000)}}needle"}""";

        Assert.True(Evaluate(Has("f", "needle"), json));
        Assert.False(Evaluate(Has("f", "needles"), json));
    }

    [Theory]
    [InlineData("""{"f": "2.5"}""", true)]
    [InlineData("""{"f": "2.5e0"}""", true)]
    [InlineData("""{"f": "\u0032"}""", true)]
    [InlineData("""{"f": "0.5"}""", false)]
    [InlineData("""{"f": "two"}""", false)]
    public void GreaterThan_JsonNumericString_ParsedLikeADictionaryString(string json, bool expected) =>
        Assert.Equal(expected, Evaluate(Gt("f", 1), json));

    [Fact]
    public void GreaterThan_NumericStringLongerThanTheStackBuffer_StillParsed()
    {
        var json = $$"""{"f": "{{new string('0', 100)}}2"}""";

        Assert.True(Evaluate(Gt("f", 1), json));
        Assert.False(Evaluate(Gt("f", 3), json));
    }
}
