using MemoryTriggers.Policies.Templates;
using static MemoryTriggers.Tests.Policies.Engine.PolicyBuild;
using static MemoryTriggers.Tests.Policies.Templates.TemplateHelpers;

namespace MemoryTriggers.Tests.Policies.Templates;

public sealed class ParameterTemplateTests
{
    [Fact]
    public void Render_NestedMapsAndLists_RenderEveryStringAndKeepOtherValues()
    {
        var errors = new List<string>();
        var parameters = ParameterTemplate.Compile(
            Map(
                ("content", "${user.name} is ${user.age}"),
                ("importance", 0.7),
                ("pinned", true),
                ("none", null),
                ("metadata", Map(("source", "${id}"), ("tags", List("${user.tags}", "static", 3L))))),
            errors);

        var rendered = parameters.Render(Scope(), redact: false);

        Assert.Empty(errors);
        Assert.Equal("Ada is 36", rendered["content"]);
        Assert.Equal(0.7, rendered["importance"]);
        Assert.Equal(true, rendered["pinned"]);
        Assert.Null(rendered["none"]);
        var metadata = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(rendered["metadata"]);
        Assert.Equal("evt-1", metadata["source"]);
        Assert.Equal([List("x", "y"), "static", 3L], Assert.IsAssignableFrom<IEnumerable<object?>>(metadata["tags"]));
    }

    [Fact]
    public void Render_KeepsParameterOrder()
    {
        var parameters = ParameterTemplate.Compile(Map(("z", "1"), ("a", "${user.name}"), ("m", "2")), new List<string>());

        Assert.Equal(["z", "a", "m"], parameters.Render(Scope(), redact: false).Keys);
    }

    [Fact]
    public void Compile_MalformedStrings_ReportTheirPaths()
    {
        var errors = new List<string>();

        ParameterTemplate.Compile(
            Map(("text", "Hello ${name"), ("metadata", Map(("severity", "${}"))), ("tags", List("ok", "${oops"))),
            errors);

        Assert.Equal(3, errors.Count);
        Assert.StartsWith("text: ", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("metadata.severity: ", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("tags[1]: ", errors[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_CollectsPlaceholdersAndNoticesEnvironmentUse()
    {
        var plain = ParameterTemplate.Compile(Map(("a", "${x} ${y}"), ("b", List("${z}"))), new List<string>());
        var secret = ParameterTemplate.Compile(Map(("headers", Map(("auth", "Bearer ${env:TOKEN}")))), new List<string>());

        Assert.Equal(["x", "y", "z"], plain.Placeholders.Select(p => p.Expression));
        Assert.False(plain.UsesEnvironment);
        Assert.True(secret.UsesEnvironment);
    }

    [Fact]
    public void Render_Redacted_HidesEnvironmentValuesAtEveryDepth()
    {
        var parameters = ParameterTemplate.Compile(Map(("headers", Map(("auth", "Bearer ${env:SECRET}"))), ("list", List("${env:SECRET}"))), new List<string>());

        var shown = parameters.Render(Scope(), redact: true);
        var sent = parameters.Render(Scope(), redact: false);

        Assert.Equal("Bearer ***", ((IReadOnlyDictionary<string, object?>)shown["headers"]!)["auth"]);
        Assert.Equal(["***"], (IEnumerable<object?>)shown["list"]!);
        Assert.Equal("Bearer hunter2", ((IReadOnlyDictionary<string, object?>)sent["headers"]!)["auth"]);
    }

    [Fact]
    public void Render_EscapesWithoutPlaceholders_AreUnescaped()
    {
        var parameters = ParameterTemplate.Compile(Map(("a", "$${not.a.placeholder}"), ("b", List("literal $${x} too"))), new List<string>());

        var rendered = parameters.Render(Scope(), redact: false);

        Assert.Equal("${not.a.placeholder}", rendered["a"]);
        Assert.Equal(["literal ${x} too"], (IEnumerable<object?>)rendered["b"]!);
        Assert.Empty(parameters.Placeholders);
    }

    [Fact]
    public void Render_EmptyParameters_IsEmpty() =>
        Assert.Empty(ParameterTemplate.Compile(Map(), new List<string>()).Render(Scope(), redact: false));

    [Fact]
    public void Render_UnresolvedAnywhere_Throws() =>
        Assert.Throws<TemplateException>(() => ParameterTemplate.Compile(Map(("deep", Map(("er", List("${nope}"))))), new List<string>()).Render(Scope(), redact: false));

    [Fact]
    public void Render_ScalarsWithoutPlaceholders_TheSameReadOnlyMapEveryTime()
    {
        var parameters = ParameterTemplate.Compile(Map(("message", "r0001"), ("n", 3L), ("pinned", true), ("none", null), ("escaped", "$${x}")), new List<string>());

        var first = parameters.Render(Scope(), redact: false);
        var second = parameters.Render(Scope("""{"id": "other"}"""), redact: true);

        Assert.Same(first, second);
        Assert.Same(parameters.Constant, first);
        Assert.Equal(["message", "n", "pinned", "none", "escaped"], first.Keys);
        Assert.Equal("r0001", first["message"]);
        Assert.Equal(3L, first["n"]);
        Assert.Equal("${x}", first["escaped"]);
        Assert.True(Assert.IsAssignableFrom<IDictionary<string, object?>>(first).IsReadOnly);
    }

    [Fact]
    public void Constant_PlaceholderOrNestedMapOrList_IsNull()
    {
        Assert.Null(ParameterTemplate.Compile(Map(("content", "${id}"), ("n", 1L)), new List<string>()).Constant);
        Assert.Null(ParameterTemplate.Compile(Map(("metadata", Map(("source", "web")))), new List<string>()).Constant);
        Assert.Null(ParameterTemplate.Compile(Map(("tags", List("a", "b"))), new List<string>()).Constant);
        Assert.NotNull(ParameterTemplate.Compile(Map(), new List<string>()).Constant);
    }
}
