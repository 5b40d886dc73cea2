using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Memory.Sqlite;

/// <summary>
/// The tiered recall (read newest first from the full-text index, stop at the limit) must rank
/// exactly as the contract says; the in-memory store is the reference. The vocabulary has no word
/// that is a prefix or part of another, so prefix and substring matching agree.
/// </summary>
public sealed class SqliteRecallTiersTests : IAsyncLifetime
{
    private static readonly string[] Vocabulary = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];

    private readonly TempDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DeleteAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RecallAsync_RandomMemoriesAndQueries_RankLikeTheReference(int seed)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var next = 0;
        string NewId() => "m" + Interlocked.Increment(ref next);
        await using var sqlite = await _database.OpenAsync(time, TimeSpan.Zero, NewId);
        var referenceIds = 0;
        await using var reference = new InMemoryMemoryStore(time, TimeSpan.Zero, () => "m" + Interlocked.Increment(ref referenceIds));
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
        var ids = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var draft = new MemoryDraft
            {
                Content = Words(random.Next(1, 4)),
                Tags = random.Next(4) == 0 ? ValueList<string>.From([Vocabulary[random.Next(Vocabulary.Length)]]) : ValueList<string>.Empty,
                UserId = random.Next(3) == 0 ? "u1" : null,
                QualityScore = random.Next(2) == 0 ? random.NextDouble() : null,
            };
            ids.Add((await sqlite.CreateAsync(draft)).Record.Id);
            await reference.CreateAsync(draft);
        }

        for (var i = 0; i < 30; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var id = ids[random.Next(ids.Count)];
            var update = new MemoryUpdate { Content = Words(random.Next(1, 4)) };
            await sqlite.UpdateAsync(id, update);
            await reference.UpdateAsync(id, update);
            if (random.Next(4) == 0)
            {
                await sqlite.ArchiveAsync(id);
                await reference.ArchiveAsync(id);
            }
        }

        for (var i = 0; i < 150; i++)
        {
            var query = new MemoryQuery
            {
                Text = Words(random.Next(1, 6)),
                Limit = random.Next(1, 8),
                UserId = random.Next(4) == 0 ? "u1" : null,
                MinQuality = random.Next(5) == 0 ? 0.5 : null,
                IncludeArchived = random.Next(3) == 0,
            };

            var expected = (await reference.RecallAsync(query)).Select(r => r.Id);
            var actual = (await sqlite.RecallAsync(query)).Select(r => r.Id);

            Assert.True(expected.SequenceEqual(actual), $"query {query}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
        }
    }

    [Fact]
    public async Task Migrate_Version2File_RebuildsTheSearchIndexKeepsRecallAndHistory()
    {
        // A file as version 2 wrote it: full-text index kept by triggers, tags and metadata tables.
        using (var connection = new SqliteConnection($"Data Source={_database.Path};Pooling=False"))
        {
            connection.Open();
            using var build = connection.CreateCommand();
            build.CommandText = SqliteSchema.MigrationSql(1) + SqliteSchema.MigrationSql(2) + """
                CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);
                INSERT INTO schema_version VALUES (1, 0), (2, 0);
                INSERT INTO memories (id, content, tags_json, tags_text, category, category_lower, metadata_json, quality,
                    user_id, content_hash, created_at, updated_at)
                VALUES ('older', 'older deploy note', '["Ops"]', 'Ops', 'Notes', 'notes', '{"env":"prod"}', 0.9, 'u1', 'h1', 1, 1),
                       ('newer', 'newer deploy note', '[]', '', NULL, NULL, '{}', NULL, 'u2', 'h2', 2, 2);
                INSERT INTO tags VALUES (1, 0, 'Ops', 'ops');
                INSERT INTO metadata VALUES (1, 'env', 's', 'prod', NULL);
                INSERT INTO history (memory_id, kind, at, detail) VALUES ('older', 'Created', 1, NULL), ('gone', 'Created', 1, NULL),
                    ('newer', 'Created', 2, NULL), ('gone', 'Deleted', 3, NULL), ('older', 'Archived', 4, NULL);
                """;
            build.ExecuteNonQuery();
        }

        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var reopened = await _database.OpenAsync(time);

        Assert.Equal(SqliteSchema.LatestVersion, await reopened.GetSchemaVersionAsync());
        Assert.Equal([MemoryChangeKind.Created, MemoryChangeKind.Archived], (await reopened.HistoryAsync("older")).Select(c => c.Kind));
        Assert.Equal([MemoryChangeKind.Created, MemoryChangeKind.Deleted], (await reopened.HistoryAsync("gone")).Select(c => c.Kind));
        Assert.Equal(["newer", "older"], await Ids(new MemoryQuery { Text = "deploy" }));
        Assert.Equal(["older"], await Ids(new MemoryQuery { Text = "DEPL", Tags = ValueList<string>.From(["ops"]) }));
        Assert.Equal(["older"], await Ids(new MemoryQuery { Category = "notes", Metadata = new Dictionary<string, object?> { ["env"] = "prod" } }));
        Assert.Equal(["newer"], await Ids(new MemoryQuery { Text = "note", UserId = "u2" }));
        Assert.Equal(["older"], await Ids(new MemoryQuery { Text = "ops" }));

        await reopened.UpdateAsync("older", new MemoryUpdate { Content = "older deploy note, revised" });
        Assert.Equal(["older", "newer"], await Ids(new MemoryQuery { Text = "deploy" }));
        Assert.Empty(await Ids(new MemoryQuery { Text = "deploy", Tags = ValueList<string>.From(["missing"]) }));

        async Task<IEnumerable<string>> Ids(MemoryQuery query) => (await reopened.RecallAsync(query)).Select(r => r.Id);
    }

    [Theory]
    [InlineData(1, "\"a\" OR \"b\" OR \"c\"")]
    [InlineData(2, "(\"a\" AND \"b\") OR (\"a\" AND \"c\") OR (\"b\" AND \"c\")")]
    [InlineData(3, "(\"a\" AND \"b\" AND \"c\")")]
    public void AtLeast_ThreePhrases_WritesEveryCombination(int count, string expected) =>
        Assert.Equal(expected, SqliteFtsQuery.AtLeast(["\"a\"", "\"b\"", "\"c\""], count));
}
