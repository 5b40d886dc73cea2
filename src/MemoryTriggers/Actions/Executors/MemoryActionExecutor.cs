using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Actions.Executors;

/// <summary>
/// Performs the memory actions against an <see cref="IMemoryStore"/>: create_memory, recall_memory,
/// update_memory, delete_memory, archive_memory, set_quality_score, add_tag and remove_tag.
/// </summary>
/// <remarks>
/// A missing or mistyped parameter, or an id no memory has, fails the action with a message naming
/// it. create_memory takes <c>user_id</c>, <c>agent_id</c> and <c>run_id</c> from the context's
/// top-level fields of those names when the parameters are absent; recall_memory does so for
/// <c>user_id</c> and <c>agent_id</c> only, so that it searches across runs unless told otherwise.
/// </remarks>
public sealed class MemoryActionExecutor : IPolicyActionExecutor
{
    private static readonly string[] UpdateKeys = ["content", "tags", "category", "metadata", "quality_score"];

    private readonly IMemoryStore _store;

    /// <summary>Initializes a new instance of the <see cref="MemoryActionExecutor"/> class.</summary>
    /// <param name="store">The store the actions work on.</param>
    public MemoryActionExecutor(IMemoryStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc />
    public IReadOnlyCollection<PolicyActionType> Types { get; } =
    [
        PolicyActionType.CreateMemory,
        PolicyActionType.RecallMemory,
        PolicyActionType.UpdateMemory,
        PolicyActionType.DeleteMemory,
        PolicyActionType.ArchiveMemory,
        PolicyActionType.SetQualityScore,
        PolicyActionType.AddTag,
        PolicyActionType.RemoveTag,
    ];

    /// <inheritdoc />
    public async ValueTask<ActionOutput> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = ActionParameters.Of(request);
        return request.Type switch
        {
            PolicyActionType.CreateMemory => await CreateAsync(request, parameters, cancellationToken).ConfigureAwait(false),
            PolicyActionType.RecallMemory => await RecallAsync(request, parameters, cancellationToken).ConfigureAwait(false),
            PolicyActionType.UpdateMemory => await UpdateAsync(parameters, cancellationToken).ConfigureAwait(false),
            PolicyActionType.DeleteMemory => await DeleteAsync(parameters, cancellationToken).ConfigureAwait(false),
            PolicyActionType.ArchiveMemory => await ArchiveAsync(parameters, cancellationToken).ConfigureAwait(false),
            PolicyActionType.SetQualityScore => await SetQualityAsync(parameters, cancellationToken).ConfigureAwait(false),
            PolicyActionType.AddTag => await TagAsync(parameters, add: true, cancellationToken).ConfigureAwait(false),
            PolicyActionType.RemoveTag => await TagAsync(parameters, add: false, cancellationToken).ConfigureAwait(false),
            _ => throw parameters.Fail("the memory executor does not perform this action."),
        };
    }

    private static string? FromContext(ActionRequest request, string name) =>
        request.Context.TryGetValue(name, out var value) && PlainValues.ScalarText(PlainValues.From(value)) is { Length: > 0 } text ? text : null;

    private static string? Scope(ActionRequest request, ActionParameters parameters, string name, bool fromContext) =>
        parameters.OptionalString(name) is { Length: > 0 } given ? given : fromContext ? FromContext(request, name) : null;

    private static ValueMap<object?> ToOutput(MemoryRecord record) => ValueMap<object?>.From(
    [
        new("id", record.Id),
        new("content", record.Content),
        new("tags", ValueList<object?>.From(record.Tags)),
        new("quality_score", record.QualityScore),
    ]);

    private async Task<ActionOutput> CreateAsync(ActionRequest request, ActionParameters parameters, CancellationToken cancellationToken)
    {
        var content = parameters.RequiredString("content");
        var expiresInDays = parameters.OptionalNumber("expires_in_days");
        if (expiresInDays is <= 0)
        {
            throw parameters.Fail($"the parameter 'expires_in_days' must be a positive number; got {expiresInDays.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        var draft = new MemoryDraft
        {
            Content = content,
            Tags = parameters.OptionalStringList("tags") ?? ValueList<string>.Empty,
            Category = parameters.OptionalString("category"),
            Metadata = parameters.OptionalMap("metadata") ?? ValueMap<object?>.Empty,
            QualityScore = parameters.OptionalScore("quality_score"),
            UserId = Scope(request, parameters, "user_id", fromContext: true),
            AgentId = Scope(request, parameters, "agent_id", fromContext: true),
            RunId = Scope(request, parameters, "run_id", fromContext: true),
            SourceRule = request.RuleName,
            ExpiresAfter = expiresInDays is { } days ? TimeSpan.FromDays(days) : null,
        };
        var result = await _store.CreateAsync(draft, cancellationToken).ConfigureAwait(false);
        return ActionOutput.Of(("memory_id", result.Record.Id), ("created", result.Created), ("content_hash", result.Record.ContentHash));
    }

    private async Task<ActionOutput> RecallAsync(ActionRequest request, ActionParameters parameters, CancellationToken cancellationToken)
    {
        var text = parameters.OptionalString("query");
        var id = parameters.OptionalString("memory_id");
        var limit = parameters.OptionalCount("limit") ?? 10;
        var query = new MemoryQuery
        {
            Text = text,
            Tags = parameters.OptionalStringList("tags") ?? ValueList<string>.Empty,
            Category = parameters.OptionalString("category") is { Length: > 0 } category ? category : null,
            MinQuality = parameters.OptionalScore("min_quality"),
            UserId = Scope(request, parameters, "user_id", fromContext: true),
            AgentId = Scope(request, parameters, "agent_id", fromContext: true),
            RunId = Scope(request, parameters, "run_id", fromContext: false),
            Limit = limit,
        };

        var found = new List<MemoryRecord>();
        if (!string.IsNullOrEmpty(id))
        {
            found.Add(await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw UnknownId(parameters, id));
        }

        if (found.Count == 0 || !string.IsNullOrWhiteSpace(text))
        {
            var recalled = await _store.RecallAsync(query, cancellationToken).ConfigureAwait(false);
            found.AddRange(recalled.Where(record => found.TrueForAll(f => f.Id != record.Id)));
        }

        var memories = found.Take(limit).ToList();
        return ActionOutput.Of(
            ("memories", ValueList<object?>.From(memories.Select(ToOutput))),
            ("count", memories.Count),
            ("memory_ids", ValueList<object?>.From(memories.Select(m => m.Id))));
    }

    private async Task<ActionOutput> UpdateAsync(ActionParameters parameters, CancellationToken cancellationToken)
    {
        var id = parameters.RequiredString("memory_id");
        MemoryUpdate update = new();
        if (parameters.OptionalMap("updates") is { } updates)
        {
            var nested = parameters.Nested("updates", updates);
            if (updates.Keys.FirstOrDefault(key => !UpdateKeys.Contains(key)) is { } unknown)
            {
                throw parameters.Fail($"'updates' has the unknown key '{unknown}'; use {string.Join(", ", UpdateKeys)}.");
            }

            update = ReadUpdate(nested, update);
        }

        update = ReadUpdate(parameters, update);
        if (update.IsEmpty)
        {
            throw parameters.Fail($"nothing to update; give 'updates' or one of the parameters {string.Join(", ", UpdateKeys)}.");
        }

        if (update.Content is { } content && string.IsNullOrWhiteSpace(content))
        {
            throw parameters.Fail("the new content must not be empty.");
        }

        _ = await _store.UpdateAsync(id, update, cancellationToken).ConfigureAwait(false) ?? throw UnknownId(parameters, id);
        return ActionOutput.Of(("memory_id", id), ("updated", true));
    }

    private static MemoryUpdate ReadUpdate(ActionParameters parameters, MemoryUpdate update) => update with
    {
        Content = parameters.OptionalString("content") ?? update.Content,
        Tags = parameters.OptionalStringList("tags") ?? update.Tags,
        Category = parameters.OptionalString("category") ?? update.Category,
        Metadata = parameters.OptionalMap("metadata") is { } metadata ? (update.Metadata ?? ValueMap<object?>.Empty).SetRange(metadata) : update.Metadata,
        QualityScore = parameters.OptionalScore("quality_score") ?? update.QualityScore,
    };

    private async Task<ActionOutput> DeleteAsync(ActionParameters parameters, CancellationToken cancellationToken)
    {
        var id = parameters.RequiredString("memory_id");
        return await _store.DeleteAsync(id, cancellationToken).ConfigureAwait(false)
            ? ActionOutput.Of(("memory_id", id), ("deleted", true))
            : throw UnknownId(parameters, id);
    }

    private async Task<ActionOutput> ArchiveAsync(ActionParameters parameters, CancellationToken cancellationToken)
    {
        var id = parameters.RequiredString("memory_id");
        return await _store.ArchiveAsync(id, cancellationToken).ConfigureAwait(false)
            ? ActionOutput.Of(("memory_id", id), ("archived", true))
            : throw UnknownId(parameters, id);
    }

    private async Task<ActionOutput> SetQualityAsync(ActionParameters parameters, CancellationToken cancellationToken)
    {
        var id = parameters.RequiredString("memory_id");
        var score = parameters.OptionalScore("score") ?? throw parameters.Fail("the parameter 'score' is required.");
        return await _store.SetQualityAsync(id, score, cancellationToken).ConfigureAwait(false)
            ? ActionOutput.Of(("memory_id", id), ("score", score))
            : throw UnknownId(parameters, id);
    }

    private async Task<ActionOutput> TagAsync(ActionParameters parameters, bool add, CancellationToken cancellationToken)
    {
        var id = parameters.RequiredString("memory_id");
        var tag = parameters.RequiredString("tag").Trim();
        var found = add
            ? await _store.AddTagAsync(id, tag, cancellationToken).ConfigureAwait(false)
            : await _store.RemoveTagAsync(id, tag, cancellationToken).ConfigureAwait(false);
        return found ? ActionOutput.Of(("memory_id", id), ("tag", tag)) : throw UnknownId(parameters, id);
    }

    private static ActionFailedException UnknownId(ActionParameters parameters, string id) =>
        parameters.Fail($"no memory has the id '{id}'.");
}
