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
    public async Task Migrate_Version2File_KeysTheIndexByLastWriteAndKeepsRecall()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using (var store = await _database.OpenAsync(time))
        {
            await store.CreateAsync(new MemoryDraft { Content = "older deploy note" });
            time.Advance(TimeSpan.FromMinutes(1));
            await store.CreateAsync(new MemoryDraft { Content = "newer deploy note" });
        }

        // Take the file back to version 2: the index keyed by seq, no rev column, later migrations not applied.
        using (var connection = new SqliteConnection($"Data Source={_database.Path};Pooling=False"))
        {
            connection.Open();
            using var downgrade = connection.CreateCommand();
            downgrade.CommandText = """
                DROP TRIGGER memories_fts_insert; DROP TRIGGER memories_fts_delete; DROP TRIGGER memories_fts_update;
                DROP TABLE memories_fts; DROP INDEX memories_rev; ALTER TABLE memories DROP COLUMN rev;
                CREATE VIRTUAL TABLE memories_fts USING fts5 (content, tags_text, content='memories', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');
                INSERT INTO memories_fts (memories_fts) VALUES ('rebuild');
                CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN SELECT 1; END;
                CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN SELECT 1; END;
                CREATE TRIGGER memories_fts_update AFTER UPDATE ON memories BEGIN SELECT 1; END;
                DELETE FROM schema_version WHERE version >= 3;
                """;
            downgrade.ExecuteNonQuery();
        }

        await using var reopened = await _database.OpenAsync(time);

        Assert.Equal(SqliteSchema.LatestVersion, await reopened.GetSchemaVersionAsync());
        Assert.Equal(["newer deploy note", "older deploy note"], (await reopened.RecallAsync(new MemoryQuery { Text = "deploy" })).Select(r => r.Content));
        time.Advance(TimeSpan.FromMinutes(1));
        var older = (await reopened.RecallAsync(new MemoryQuery { Text = "older" }))[0];
        await reopened.UpdateAsync(older.Id, new MemoryUpdate { Content = "older deploy note, revised" });
        Assert.Equal(["older deploy note, revised", "newer deploy note"], (await reopened.RecallAsync(new MemoryQuery { Text = "deploy" })).Select(r => r.Content));
    }

    [Theory]
    [InlineData(1, "\"a\" OR \"b\" OR \"c\"")]
    [InlineData(2, "(\"a\" AND \"b\") OR (\"a\" AND \"c\") OR (\"b\" AND \"c\")")]
    [InlineData(3, "(\"a\" AND \"b\" AND \"c\")")]
    public void AtLeast_ThreePhrases_WritesEveryCombination(int count, string expected) =>
        Assert.Equal(expected, SqliteFtsQuery.AtLeast(["\"a\"", "\"b\"", "\"c\""], count));
}
