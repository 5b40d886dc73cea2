using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Memory.Backends;

/// <summary>
/// One write, as the failover journal stores it: a kind, the id it targets (for a create, the id the
/// failover store gave the memory) and its arguments as JSON. Applying it to a store returns what
/// the matching <see cref="IMemoryStore"/> method returns.
/// </summary>
internal sealed record FailoverOperation(
    FailoverOperationKind Kind,
    string? TargetId,
    MemoryDraft? Draft = null,
    MemoryUpdate? Update = null,
    double? Score = null,
    string? Tag = null)
{
    public string Name => Kind switch
    {
        FailoverOperationKind.Create => "create",
        FailoverOperationKind.Update => "update",
        FailoverOperationKind.Delete => "delete",
        FailoverOperationKind.Archive => "archive",
        FailoverOperationKind.SetQuality => "set-quality",
        FailoverOperationKind.AddTag => "add-tag",
        _ => "remove-tag",
    };

    /// <summary>Applies the write to <paramref name="store"/>, on memory <paramref name="id"/> for targeted writes.</summary>
    public async Task<object?> ApplyAsync(IMemoryStore store, string? id, CancellationToken cancellationToken) => Kind switch
    {
        FailoverOperationKind.Create => await store.CreateAsync(Draft!, cancellationToken).ConfigureAwait(false),
        FailoverOperationKind.Update => await store.UpdateAsync(id!, Update!, cancellationToken).ConfigureAwait(false),
        FailoverOperationKind.Delete => await store.DeleteAsync(id!, cancellationToken).ConfigureAwait(false),
        FailoverOperationKind.Archive => await store.ArchiveAsync(id!, cancellationToken).ConfigureAwait(false),
        FailoverOperationKind.SetQuality => await store.SetQualityAsync(id!, Score!.Value, cancellationToken).ConfigureAwait(false),
        FailoverOperationKind.AddTag => await store.AddTagAsync(id!, Tag!, cancellationToken).ConfigureAwait(false),
        _ => await store.RemoveTagAsync(id!, Tag!, cancellationToken).ConfigureAwait(false),
    };

    /// <summary>Whether a result of <see cref="ApplyAsync"/> says the targeted memory does not exist.</summary>
    public static bool IsNotFound(object? result) => result is null or false;

    public string ToPayload()
    {
        var json = new JsonObject();
        if (Draft is { } draft)
        {
            json["draft"] = new JsonObject
            {
                ["content"] = draft.Content,
                ["tags"] = new JsonArray([.. draft.Tags.Select(t => (JsonNode?)JsonValue.Create(t))]),
                ["category"] = draft.Category,
                ["metadata"] = ToJson(draft.Metadata),
                ["quality"] = draft.QualityScore,
                ["user_id"] = draft.UserId,
                ["agent_id"] = draft.AgentId,
                ["run_id"] = draft.RunId,
                ["source_rule"] = draft.SourceRule,
                ["expires_after_ticks"] = draft.ExpiresAfter?.Ticks,
            };
        }

        if (Update is { } update)
        {
            json["update"] = new JsonObject
            {
                ["content"] = update.Content,
                ["tags"] = update.Tags is null ? null : new JsonArray([.. update.Tags.Select(t => (JsonNode?)JsonValue.Create(t))]),
                ["category"] = update.Category,
                ["metadata"] = update.Metadata is null ? null : ToJson(update.Metadata),
                ["quality"] = update.QualityScore,
            };
        }

        json["score"] = Score;
        json["tag"] = Tag;
        return json.ToJsonString();
    }

    public static FailoverOperation FromPayload(string kind, string? targetId, string payload)
    {
        var json = JsonNode.Parse(payload)!.AsObject();
        MemoryDraft? draft = null;
        if (json["draft"] is JsonObject d)
        {
            draft = new MemoryDraft
            {
                Content = d["content"]!.GetValue<string>(),
                Tags = Strings(d["tags"]) ?? ValueList<string>.Empty,
                Category = (string?)d["category"],
                Metadata = d["metadata"] is JsonObject m ? (ValueMap<object?>)FromJson(m)! : ValueMap<object?>.Empty,
                QualityScore = (double?)d["quality"],
                UserId = (string?)d["user_id"],
                AgentId = (string?)d["agent_id"],
                RunId = (string?)d["run_id"],
                SourceRule = (string?)d["source_rule"],
                ExpiresAfter = (long?)d["expires_after_ticks"] is { } ticks ? TimeSpan.FromTicks(ticks) : null,
            };
        }

        MemoryUpdate? update = null;
        if (json["update"] is JsonObject u)
        {
            update = new MemoryUpdate
            {
                Content = (string?)u["content"],
                Tags = Strings(u["tags"]),
                Category = (string?)u["category"],
                Metadata = u["metadata"] is JsonObject m ? (ValueMap<object?>)FromJson(m)! : null,
                QualityScore = (double?)u["quality"],
            };
        }

        return new FailoverOperation(Enum.Parse<FailoverOperationKind>(kind), targetId, draft, update, (double?)json["score"], (string?)json["tag"]);
    }

    private static ValueList<string>? Strings(JsonNode? node) =>
        node is JsonArray array ? ValueList<string>.From(array.Select(t => t!.GetValue<string>())) : null;

    private static JsonObject ToJson(ValueMap<object?> metadata)
    {
        var json = new JsonObject();
        foreach (var (key, value) in metadata)
        {
            json[key] = ToNode(value);
        }

        return json;
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        IReadOnlyDictionary<string, object?> map => new JsonObject(map.Select(e => new KeyValuePair<string, JsonNode?>(e.Key, ToNode(e.Value)))),
        System.Collections.IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(ToNode)]),
        double or float or decimal => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        IConvertible => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };

    private static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => ValueMap<object?>.From(obj.Select(e => new KeyValuePair<string, object?>(e.Key, FromJson(e.Value)))),
        JsonArray array => ValueList<object?>.From(array.Select(FromJson)),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.TryGetValue<long>(out var whole) ? whole : value.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };
}
