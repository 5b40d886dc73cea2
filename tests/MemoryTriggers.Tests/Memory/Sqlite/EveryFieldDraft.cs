using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;

namespace MemoryTriggers.Tests.Memory.Sqlite;

/// <summary>A draft that sets every field, with metadata of every kind, for the round-trip tests of the SQLite store.</summary>
internal static class EveryFieldDraft
{
    public static MemoryDraft Create(string content) => new()
    {
        Content = content,
        Tags = ValueList<string>.From(["a", "B"]),
        Category = "Cat",
        Metadata = ValueMap<object?>.From(
        [
            new("s", "text"), new("i", 3L), new("d", 2.0), new("b", false), new("n", null),
            new("list", ValueList<object?>.From([1L, "two"])), new("map", ValueMap<object?>.From([new("k", 0.5)])),
        ]),
        QualityScore = 0.25,
        UserId = "u",
        AgentId = "a",
        RunId = "r",
        SourceRule = "rule",
        ExpiresAfter = TimeSpan.FromMinutes(3),
    };
}
