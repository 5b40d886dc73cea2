using MemoryTriggers.Policies.Templates;
using MemoryTriggers.Tests.Policies.Engine;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;
using static MemoryTriggers.Tests.Policies.Templates.TemplateHelpers;

namespace MemoryTriggers.Tests.Policies.Templates;

public sealed class TemplateTests
{
    [Theory]
    [InlineData("plain text", 0, false)]
    [InlineData("", 0, false)]
    [InlineData("${a}", 1, true)]
    [InlineData(" ${a}", 1, false)]
    [InlineData("${a}${b}", 2, false)]
    [InlineData("x ${a} y ${b:-z} w", 2, false)]
    [InlineData("$${a}", 0, false)]
    [InlineData("cost: $5 {braces}", 0, false)]
    public void TryParse_FindsPlaceholders(string text, int count, bool isSingle)
    {
        var template = Parse(text);

        Assert.Equal(count, template.Placeholders.Count);
        Assert.Equal(isSingle, template.IsSinglePlaceholder);
        Assert.Equal(text, template.Text);
    }

    [Theory]
    [InlineData("${", "'${' at position 1 has no closing '}'")]
    [InlineData("Hello ${user.name", "'${' at position 7 has no closing '}'")]
    [InlineData("${}", "empty placeholder")]
    [InlineData("${   }", "empty placeholder")]
    [InlineData("${:-default}", "empty placeholder")]
    public void TryParse_Malformed_ReturnsNullWithTheReason(string text, string reason)
    {
        Assert.Null(Template.TryParse(text, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${user.name}", "Ada")]
    [InlineData("${ user.name }", "Ada")]
    [InlineData("${items.1.id}", "i2")]
    [InlineData("Hi ${user.name}, you are ${user.age}", "Hi Ada, you are 36")]
    [InlineData("${items.1.price}", 2.5)]
    [InlineData("${user.age}", 36L)]
    [InlineData("${flag}", false)]
    [InlineData("flag=${flag}", "flag=false")]
    [InlineData("[${nothing}]", "[]")]
    [InlineData("${missing:-n/a}", "n/a")]
    [InlineData("${missing:-a:-b}", "a:-b")]
    [InlineData("${user.missing:-}", "")]
    [InlineData("${user.name:-n/a}", "Ada")]
    [InlineData("${nothing:-n/a}", "n/a")]
    [InlineData("${empty:-n/a}", "n/a")]
    [InlineData("<${empty}>", "<>")]
    [InlineData("${flag:-n/a}", false)]
    [InlineData("$${only.an.escape}", "${only.an.escape}")]
    [InlineData("$${user.name} is ${user.name}", "${user.name} is Ada")]
    [InlineData("tags=${user.tags}", "tags=[\"x\",\"y\"]")]
    [InlineData("${items.0}!", "{\"id\":\"i1\"}!")]
    public void Render_ResolvesContextPaths(string text, object expected) =>
        Assert.Equal(expected, Render(text));

    [Fact]
    public void Render_NullField_IsNullAsSinglePlaceholder()
    {
        Assert.Null(Render("${nothing}"));
    }

    [Fact]
    public void Render_SinglePlaceholder_KeepsListsAndMaps()
    {
        Assert.Equal(List("x", "y"), Render("${user.tags}"));
        Assert.Equal(Map(("id", "i2"), ("price", 2.5)), Render("${items.1}"));
    }

    [Theory]
    [InlineData("${rule.name}", "my_rule")]
    [InlineData("${rule.priority}", 7L)]
    [InlineData("${decision_id}", "decision-1")]
    [InlineData("${event_id}", "evt-1")]
    [InlineData("${timestamp}", "2024-07-01T12:30:15.0000000+00:00")]
    [InlineData("${now}", "2024-07-01T12:30:15.0000000+00:00")]
    [InlineData("${date}", "2024-07-01")]
    [InlineData("${rule.name}@${date}", "my_rule@2024-07-01")]
    public void Render_BuiltIns(string text, object expected) =>
        Assert.Equal(expected, Render(text));

    [Fact]
    public void Render_EventIdWithoutIdField_IsTheDecisionId() =>
        Assert.Equal("decision-1", Render("${event_id}", Scope("""{"x": 1}""")));

    [Fact]
    public void Render_ContextFieldShadowsBuiltIn() =>
        Assert.Equal("mine", Render("${timestamp}", Scope("""{"timestamp": "mine"}""")));

    [Fact]
    public void Render_Environment_ReadThroughTheScopeAndRedactedOnRequest()
    {
        Assert.Equal("hunter2", Render("${env:SECRET}"));
        Assert.Equal("pw=hunter2", Render("pw=${env:SECRET}"));
        Assert.Equal("***", Render("${env:SECRET}", redact: true));
        Assert.Equal("pw=*** for Ada", Render("pw=${env:SECRET} for ${user.name}", redact: true));
        Assert.Equal("fallback", Render("${env:UNSET:-fallback}", redact: true));
    }

    [Theory]
    [InlineData("${user.email}", "${user.email}", "the context has no field 'user.email'")]
    [InlineData("Hi ${who}!", "${who}", "the context has no field 'who'")]
    [InlineData("${env:UNSET}", "${env:UNSET}", "the environment variable UNSET is not set")]
    [InlineData("${actions.create_memory.memory_id}", "${actions.create_memory.memory_id}", "no earlier create_memory action")]
    public void Render_Unresolved_ThrowsNamingThePlaceholder(string text, string placeholder, string why)
    {
        var exception = Assert.Throws<TemplateException>(() => Render(text));

        Assert.Contains("unresolved placeholder " + placeholder, exception.Message, StringComparison.Ordinal);
        Assert.Contains(why, exception.Message, StringComparison.Ordinal);
        Assert.Contains(":-VALUE", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ActionOutputs_FromTheScope()
    {
        var scope = Scope();
        scope.RecordAction("create_memory", new Dictionary<string, object?> { ["memory_id"] = "m-9", ["meta"] = new Dictionary<string, object?> { ["score"] = 0.5 } }, planned: false);

        Assert.Equal("m-9", Render("${actions.create_memory.memory_id}", scope));
        Assert.Equal(0.5, Render("${actions.create_memory.meta.score}", scope));
        Assert.Equal("id m-9", Render("id ${actions.create_memory.memory_id}", scope));
        var exception = Assert.Throws<TemplateException>(() => Render("${actions.create_memory.nope}", scope));
        Assert.Contains("memory_id", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PlannedActionOutputs_AreShownAsPlaceholders()
    {
        var scope = Scope();
        scope.RecordAction("create_memory", new Dictionary<string, object?>(), planned: true);

        Assert.Equal("<create_memory.memory_id>", Render("${actions.create_memory.memory_id}", scope));
    }

    [Fact]
    public void Render_LaterActionOfTheSameType_ReplacesEarlierOutputs()
    {
        var scope = Scope();
        scope.RecordAction("create_memory", new Dictionary<string, object?> { ["memory_id"] = "first" }, planned: false);
        scope.RecordAction("create_memory", new Dictionary<string, object?> { ["memory_id"] = "second" }, planned: false);

        Assert.Equal("second", Render("${actions.create_memory.memory_id}", scope));
    }

    [Fact]
    public void Render_DictionaryContext_SameAsJson()
    {
        var fromDictionary = new TemplateScope(Engine.TestContexts.Dict(Context), "my_rule", 7, "decision-1", Now, _ => null);

        foreach (var text in new[] { "${user.name}", "${user.age}", "${items.1}", "${user.tags}", "a ${items} b", "${flag}" })
        {
            Assert.Equal(Render(text), Render(text, fromDictionary));
        }
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("s", "s")]
    [InlineData(true, "true")]
    [InlineData(3L, "3")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5f, "-2.5")]
    public void ToText_Scalars_AreInvariant(object? value, string expected) =>
        Assert.Equal(expected, Template.ToText(value));

    [Fact]
    public void ToText_ListsAndMaps_AreJson()
    {
        Assert.Equal("[1,\"a\",null,{\"k\":[true]}]", Template.ToText(List(1L, "a", null, Map(("k", List(true))))));
        Assert.Equal("{\"b\":1,\"a\":2}", Template.ToText(Map(("b", 1L), ("a", 2L))));
    }

    [Theory]
    [InlineData("""{"a": "plain", "b": "caf\u00e9 \"q\"", "c": "ü", "n": 5}""")]
    [InlineData("""{"a": "", "b": null, "c": "x", "n": 1.5}""")]
    [InlineData("""{"b": "only b", "n": true}""")]
    [InlineData("""{"a": ["x"], "b": {"k": 1}, "c": "😀", "n": null}""")]
    public void Render_JsonAndDictionaryContexts_SameText(string json)
    {
        var template = Parse("[${a:-none}] ${b:-dflt} / ${c:-} / ${n:-zero} ${id:-no id}");
        var longText = new string('x', 1500);
        var jsonScope = new TemplateScope(TestContexts.Json(json), "r", 0, "d", Now, _ => null);
        var dictionaryScope = new TemplateScope(TestContexts.Dict(json), "r", 0, "d", Now, _ => null);

        Assert.Equal(template.Render(dictionaryScope, redact: false), template.Render(jsonScope, redact: false));
        var big = Parse("${a}!");
        Assert.Equal(longText + "!", big.Render(new TemplateScope(TestContexts.Json($$"""{"a": "{{longText}}"}"""), "r", 0, "d", Now, _ => null), redact: false));
    }
}
