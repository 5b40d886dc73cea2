using MemoryTriggers.Policies;
using MemoryTriggers.Policies.Templates;
using MemoryTriggers.Tests.Policies.Engine;

namespace MemoryTriggers.Tests.Policies.Templates;

internal static class TemplateHelpers
{
    public static readonly DateTimeOffset Now = new(2024, 7, 1, 12, 30, 15, TimeSpan.Zero);

    public const string Context = """
        {
          "id": "evt-1",
          "user": { "name": "Ada", "age": 36, "tags": ["x", "y"] },
          "items": [ { "id": "i1" }, { "id": "i2", "price": 2.5 } ],
          "flag": false,
          "empty": "",
          "nothing": null
        }
        """;

    public static TemplateScope Scope(string json = Context, Func<string, string?>? environment = null) =>
        new(TestContexts.Json(json), "my_rule", 7, "decision-1", Now, environment ?? (name => name == "SECRET" ? "hunter2" : null));

    public static Template Parse(string text)
    {
        var template = Template.TryParse(text, out var error);
        Assert.True(template is not null, $"'{text}' did not parse: {error}");
        return template!;
    }

    public static object? Render(string text, TemplateScope? scope = null, bool redact = false) => Parse(text).Render(scope ?? Scope(), redact);
}
