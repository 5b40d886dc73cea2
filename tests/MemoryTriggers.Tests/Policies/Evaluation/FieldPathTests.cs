using MemoryTriggers.Policies;
using MemoryTriggers.Tests.Policies.Engine;

namespace MemoryTriggers.Tests.Policies.Evaluation;

public sealed class FieldPathTests
{
    private const string Json = """
        {
          "user": { "id": "u1", "roles": ["admin", "dev"], "0": "zero-key" },
          "errors": [ { "code": "E1" }, { "code": "E2", "details": [ { "line": 7 } ] } ],
          "dotted.key": "unreachable",
          "empty": null
        }
        """;

    [Theory]
    [InlineData("user.id", "u1")]
    [InlineData("user.roles.1", "dev")]
    [InlineData("user.0", "zero-key")]
    [InlineData("errors.0.code", "E1")]
    [InlineData("errors.1.details.0.line", 7L)]
    public void Resolve_PathsThroughMapsAndLists_FindTheValue(string path, object expected)
    {
        Assert.Equal(expected, FieldPath.Parse(path).Resolve(TestContexts.Json(Json)).ToPlainObject());
        Assert.Equal(expected, FieldPath.Parse(path).Resolve(TestContexts.Dict(Json)).ToPlainObject());
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("user.name")]
    [InlineData("user.roles.2")]
    [InlineData("errors.01x.code")]
    [InlineData("errors.0.code.length")]
    [InlineData("empty.anything")]
    [InlineData("dotted.key")]
    [InlineData("user.")]
    public void Resolve_PathsThatDoNotResolve_AreMissing(string path)
    {
        Assert.Equal(ValueKind.Missing, FieldPath.Parse(path).Resolve(TestContexts.Json(Json)).Kind);
        Assert.Equal(ValueKind.Missing, FieldPath.Parse(path).Resolve(TestContexts.Dict(Json)).Kind);
    }

    [Fact]
    public void Resolve_NullLeaf_IsNullNotMissing() =>
        Assert.Equal(ValueKind.Null, FieldPath.Parse("empty").Resolve(TestContexts.Json(Json)).Kind);

    [Fact]
    public void Resolve_Overlay_WinsAtTopLevelOnly()
    {
        var context = new PolicyContext(TestContexts.Json(Json)).With(new Dictionary<string, object?>
        {
            ["user"] = new Dictionary<string, object?> { ["id"] = "u2" },
            ["extra"] = 1,
        });

        Assert.Equal("u2", FieldPath.Parse("user.id").Resolve(context).ToPlainObject());
        Assert.Equal(ValueKind.Missing, FieldPath.Parse("user.roles").Resolve(context).Kind);
        Assert.Equal(1L, FieldPath.Parse("extra").Resolve(context).ToPlainObject());
        Assert.Equal("E1", FieldPath.Parse("errors.0.code").Resolve(context).ToPlainObject());
    }

    [Fact]
    public void Resolve_DefaultContext_IsMissing() =>
        Assert.Equal(ValueKind.Missing, FieldPath.Parse("a").Resolve(default).Kind);

    [Fact]
    public void Text_IsThePathAsWritten()
    {
        var path = FieldPath.Parse("errors.0.code");

        Assert.Equal("errors.0.code", path.Text);
        Assert.Equal("errors.0.code", path.ToString());
    }
}
