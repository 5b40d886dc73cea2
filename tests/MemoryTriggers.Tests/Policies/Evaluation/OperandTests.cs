using MemoryTriggers.Policies;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;
using static MemoryTriggers.Tests.Policies.Evaluation.ConditionHarness;

namespace MemoryTriggers.Tests.Policies.Evaluation;

/// <summary>The equality rule shared by equals, not_equals, in_list, not_in_list and contains on lists.</summary>
public sealed class OperandTests
{
    [Theory]
    [InlineData("""{}""", true)]
    [InlineData("""{"f": null}""", true)]
    [InlineData("""{"f": ""}""", false)]
    [InlineData("""{"f": 0}""", false)]
    [InlineData("""{"f": false}""", false)]
    [InlineData("""{"f": []}""", false)]
    [InlineData("""{"f": {}}""", false)]
    [InlineData("""{"f": "null"}""", false)]
    public void EqualsNull_MatchesMissingOrNullOnly(string json, bool expected)
    {
        Assert.Equal(expected, Evaluate(Eq("f", null), json));
        Assert.Equal(!expected, Evaluate(Ne("f", null), json));
    }

    [Theory]
    [InlineData("""{"f": true}""", true, true)]
    [InlineData("""{"f": false}""", false, true)]
    [InlineData("""{"f": true}""", false, false)]
    [InlineData("""{"f": 1}""", true, false)]
    [InlineData("""{"f": 0}""", false, false)]
    [InlineData("""{"f": "true"}""", true, false)]
    [InlineData("""{"f": "false"}""", false, false)]
    [InlineData("""{"f": "True"}""", true, false)]
    public void Equals_BooleanOperand_EqualsOnlyBooleans(string json, bool operand, bool expected) =>
        Assert.Equal(expected, Evaluate(Eq("f", operand), json));

    [Theory]
    [InlineData("""{"f": true}""", 1)]
    [InlineData("""{"f": false}""", 0)]
    public void Equals_NumberOperandAndBooleanField_IsFalse(string json, int operand)
    {
        Assert.False(Evaluate(Eq("f", operand), json));
        Assert.True(Evaluate(Ne("f", operand), json));
    }

    [Theory]
    [InlineData("""{"f": true}""", "true")]
    [InlineData("""{"f": true}""", "1")]
    [InlineData("""{"f": false}""", "false")]
    [InlineData("""{"f": false}""", "0")]
    [InlineData("""{"f": false}""", "")]
    public void Equals_StringOperandAndBooleanField_IsFalse(string json, string operand) =>
        Assert.False(Evaluate(Eq("f", operand), json));

    [Theory]
    [InlineData("""{"f": "42"}""", true)]
    [InlineData("""{"f": "42.0"}""", true)]
    [InlineData("""{"f": "4.2e1"}""", true)]
    [InlineData("""{"f": 42}""", true)]
    [InlineData("""{"f": 42.0}""", true)]
    [InlineData("""{"f": "42abc"}""", false)]
    [InlineData("""{"f": "forty-two"}""", false)]
    [InlineData("""{"f": 42.5}""", false)]
    [InlineData("""{"f": [42]}""", false)]
    public void Equals_NumberOperand_EqualsNumbersAndStringsParsingToIt(string json, bool expected) =>
        Assert.Equal(expected, Evaluate(Eq("f", 42), json));

    [Theory]
    [InlineData("""{"f": 42}""", "42", true)]
    [InlineData("""{"f": 42}""", "42.0", true)]
    [InlineData("""{"f": 0.5}""", ".5", true)]
    [InlineData("""{"f": 42}""", "43", false)]
    [InlineData("""{"f": 42}""", "x42", false)]
    [InlineData("""{"f": "42"}""", "42", true)]
    [InlineData("""{"f": "42.0"}""", "42", false)]
    public void Equals_StringOperand_EqualsNumberFieldWhenItParsesAsThatNumber(string json, string operand, bool expected) =>
        Assert.Equal(expected, Evaluate(Eq("f", operand), json));

    [Theory]
    [InlineData(42L)]
    [InlineData(42.0)]
    [InlineData(42.0f)]
    public void Equals_NumberOperandOfAnyClrType_EqualsTheSameNumber(object operand) =>
        Assert.True(Evaluate(Eq("f", operand), """{"f": 42}"""));

    [Fact]
    public void Equals_DecimalOperand_EqualsTheSameNumber() =>
        Assert.True(Evaluate(Eq("f", 0.25m), """{"f": "0.25"}"""));

    [Theory]
    [InlineData("""{"f": "Error"}""", true)]
    [InlineData("""{"f": "error"}""", false)]
    [InlineData("""{"f": "Error "}""", false)]
    [InlineData("""{"f": "Érror"}""", false)]
    public void Equals_Strings_CompareOrdinally(string json, bool expected) =>
        Assert.Equal(expected, Evaluate(Eq("f", "Error"), json));

    [Fact]
    public void Equals_EscapedJsonString_ComparesTheUnescapedText()
    {
        Assert.True(Evaluate(Eq("f", "café \"quoted\""), """{"f": "caf\u00e9 \"quoted\""}"""));
        Assert.True(Evaluate(Eq("f", "a/b"), """{"f": "a\/b"}"""));
    }

    [Theory]
    [InlineData("""{"f": [1, "a", true]}""", true)]
    [InlineData("""{"f": [1.0, "a", true]}""", true)]
    [InlineData("""{"f": ["a", 1, true]}""", false)]
    [InlineData("""{"f": [1, "a"]}""", false)]
    [InlineData("""{"f": [1, "a", "true"]}""", false)]
    [InlineData("""{"f": "[1, \"a\", true]"}""", false)]
    public void Equals_ListOperand_ComparesItemsInOrder(string json, bool expected) =>
        Assert.Equal(expected, Evaluate(Eq("f", List(1, "a", true)), json));

    [Theory]
    [InlineData("""{"f": {"a": 1, "b": {"c": "x"}}}""", true)]
    [InlineData("""{"f": {"b": {"c": "x"}, "a": 1.0}}""", true)]
    [InlineData("""{"f": {"a": 1, "b": {"c": "y"}}}""", false)]
    [InlineData("""{"f": {"a": 1}}""", false)]
    [InlineData("""{"f": {"a": 1, "b": {"c": "x"}, "d": null}}""", false)]
    public void Equals_MapOperand_ComparesEntriesInAnyOrder(string json, bool expected) =>
        Assert.Equal(expected, Evaluate(Eq("f", Map(("a", 1), ("b", Map(("c", "x"))))), json));

    [Fact]
    public void NotEquals_IsTheNegationOfEqualsForPresentValues()
    {
        Assert.True(Evaluate(Ne("f", "a"), """{"f": "b"}"""));
        Assert.False(Evaluate(Ne("f", "a"), """{"f": "a"}"""));
        Assert.False(Evaluate(Ne("f", 1), """{"f": "1"}"""));
        Assert.True(Evaluate(Ne("f", 1), """{"f": true}"""));
    }
}
