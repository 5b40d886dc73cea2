using System.Security.Cryptography;
using System.Text;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Encryption;
using MemoryTriggers.Memory.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Memory.Sqlite;

public sealed class EncryptedSqliteMemoryStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly TempDatabase _database = new();
    private readonly MemoryEncryptionKey _key = MemoryEncryptionKey.FromBytes([.. Enumerable.Range(100, 32).Select(i => (byte)i)]);
    private readonly MemoryEncryptionKey _otherKey = MemoryEncryptionKey.FromBytes(new byte[32]);
    private int _nextId;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _database.DeleteAsync();
        _key.Dispose();
        _otherKey.Dispose();
    }

    private Task<SqliteMemoryStore> Open(MemoryEncryptionKey? key, TimeSpan? window = null) =>
        _database.OpenAsync(_time, window ?? TimeSpan.Zero, () => "m" + Interlocked.Increment(ref _nextId), key: key);

    private static MemoryDraft Secret(string content, string? tag = null) => new()
    {
        Content = content,
        Tags = tag is null ? ValueList<string>.Empty : ValueList<string>.From([tag]),
        Metadata = ValueMap<object?>.From([new("confidential_key", "turquoise-walrus"), new("amount", 424242.5)]),
    };

    private async Task<IReadOnlyList<MemoryRecord>> Created(SqliteMemoryStore store, params string[] contents)
    {
        var records = new List<MemoryRecord>();
        foreach (var content in contents)
        {
            records.Add((await store.CreateAsync(Secret(content))).Record);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        return records;
    }

    /// <summary>The database file's bytes once every connection is closed (its log checkpointed into it).</summary>
    private string FileDigest()
    {
        SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(_database.Path + "-wal"));
        return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(_database.Path)));
    }

    private static byte[] RawBytes(string path) =>
        [.. File.ReadAllBytes(path), .. File.Exists(path + "-wal") ? File.ReadAllBytes(path + "-wal") : []];

    private T Raw<T>(string sql, Func<SqliteCommand, T> run)
    {
        using var connection = new SqliteConnection($"Data Source={_database.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return run(command);
    }

    [Fact]
    public async Task CreateAsync_EveryField_RoundTripsThroughAStoreReopenedWithTheKeyFile()
    {
        var keyPath = Path.Combine(_database.Directory, "memory.key");
        _key.WriteFile(keyPath);
        var store = await Open(_key);
        var created = (await store.CreateAsync(EveryFieldDraft.Create("Üñíçødé secret content"))).Record;
        await store.DisposeAsync();

        using var loaded = MemoryEncryptionKey.Load(keyPath);
        var reopened = await Open(loaded);

        var read = await reopened.GetAsync(created.Id);
        Assert.Equal(created, read);
        Assert.Equal(MemoryContentHash.Compute("Üñíçødé secret content"), read!.ContentHash);
        Assert.IsType<long>(read.Metadata["i"]);
        Assert.IsType<double>(read.Metadata["d"]);
        Assert.Equal([created], await reopened.ListAsync());
        Assert.Equal([created], await reopened.RecallAsync(new MemoryQuery { Text = "SECRET" }));
        Assert.True(reopened.IsEncrypted);
    }

    [Fact]
    public async Task RawFile_HoldsNeitherContentNorMetadataInPlaintext()
    {
        var store = await Open(_key);
        var id = (await store.CreateAsync(Secret("Zanzibar pelican rendezvous", "visible-tag"))).Record.Id;
        await store.UpdateAsync(id, new MemoryUpdate { Content = "Zanzibar flamingo rendezvous", Metadata = ValueMap<object?>.From([new("extra_key", "ochre-narwhal")]) });
        await store.CreateAsync(Secret("Pelican second secret"));

        var bytes = RawBytes(_database.Path);

        foreach (var secret in new[] { "Zanzibar", "zanzibar", "pelican", "flamingo", "rendezvous", "turquoise-walrus", "confidential_key", "424242", "ochre-narwhal", "extra_key" })
        {
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"'{secret}' is in the file");
        }

        Assert.True(bytes.AsSpan().IndexOf("visible-tag"u8) >= 0);
        Assert.Equal(
            (string.Empty, 0L),
            Raw("SELECT metadata_json, count(*) FROM memories WHERE content_hash = $plain", c =>
            {
                c.Parameters.AddWithValue("$plain", MemoryContentHash.Compute("Pelican second secret"));
                using var reader = c.ExecuteReader();
                reader.Read();
                return (reader.IsDBNull(0) ? string.Empty : reader.GetString(0), reader.GetInt64(1));
            }));
        Assert.Equal(
            (1L, "AES-256-GCM", _key.KeyId),
            Raw("SELECT encrypted, algorithm, key_id FROM encryption", c =>
            {
                using var reader = c.ExecuteReader();
                reader.Read();
                return (reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
            }));
    }

    [Fact]
    public async Task RecallAsync_Words_MatchWholeWordsAndRankByMatchesRecencyThenBm25()
    {
        var store = await Open(_key);
        var records = await Created(store, "deploy python services to kubernetes", "python on kubernetes", "kubernetes notes", "nothing relevant", "deployment of Python");
        var (three, two, one, _, prefixOnly) = (records[0].Id, records[1].Id, records[2].Id, records[3].Id, records[4].Id);

        var found = await store.RecallAsync(new MemoryQuery { Text = "Kubernetes, PYTHON deploy!" });

        Assert.Equal([three, two, prefixOnly, one], found.Select(r => r.Id));
        Assert.Equal([prefixOnly], (await store.RecallAsync(new MemoryQuery { Text = "deployment" })).Select(r => r.Id));
        Assert.Empty(await store.RecallAsync(new MemoryQuery { Text = "deplo kube" }));
    }

    [Fact]
    public async Task RecallAsync_EqualMatchesAndTimes_BreaksTiesByBm25()
    {
        var store = await Open(_key);
        // The focused memory is written first, so only BM25 (not the write order) puts it ahead.
        var focused = (await store.CreateAsync(new MemoryDraft { Content = "tea" })).Record.Id;
        var diluted = (await store.CreateAsync(new MemoryDraft { Content = "tea with many other words around it here" })).Record.Id;

        Assert.Equal([focused, diluted], (await store.RecallAsync(new MemoryQuery { Text = "tea" })).Select(r => r.Id));
    }

    [Fact]
    public async Task RecallAsync_TagWordsAndAccents_MatchAndUpdatesReindex()
    {
        var store = await Open(_key);
        var tagged = (await store.CreateAsync(new MemoryDraft { Content = "some content", Tags = ValueList<string>.From(["Kubernetes", "ops-team"]) })).Record.Id;
        var cafe = (await store.CreateAsync(new MemoryDraft { Content = "Meet at the Café" })).Record.Id;

        Assert.Equal([tagged], (await store.RecallAsync(new MemoryQuery { Text = "kubernetes" })).Select(r => r.Id));
        Assert.Equal([tagged], (await store.RecallAsync(new MemoryQuery { Text = "team" })).Select(r => r.Id));
        Assert.Equal([cafe], (await store.RecallAsync(new MemoryQuery { Text = "cafe" })).Select(r => r.Id));

        await store.UpdateAsync(tagged, new MemoryUpdate { Content = "fresh words", Tags = ValueList<string>.From(["newtag"]) });

        Assert.Empty(await store.RecallAsync(new MemoryQuery { Text = "kubernetes content" }));
        Assert.Equal([tagged], (await store.RecallAsync(new MemoryQuery { Text = "fresh newtag", Tags = ValueList<string>.From(["NEWTAG"]) })).Select(r => r.Id));
        await store.DeleteAsync(tagged);
        Assert.Empty(await store.RecallAsync(new MemoryQuery { Text = "fresh" }));
    }

    [Fact]
    public async Task RecallAsync_MetadataEquality_WorksOnKeyedHashes()
    {
        var store = await Open(_key);
        static KeyValuePair<string, object?> M(string key, object? value) => new(key, value);
        MemoryDraft With(string content, params KeyValuePair<string, object?>[] metadata) => new() { Content = content, Metadata = ValueMap<object?>.From(metadata) };
        var match = (await store.CreateAsync(With("x", M("source", "chat"), M("turn", 3L), M("flag", true), M("none", null), M("l", ValueList<object?>.From([1L, 2L]))))).Record.Id;
        await store.CreateAsync(With("y", M("source", "chat"), M("turn", 4L), M("flag", true), M("none", null), M("l", ValueList<object?>.From([1L]))));
        await store.CreateAsync(With("z", M("source", "email"), M("turn", 3.0), M("flag", false)));

        async Task<IEnumerable<string>> Filter(params KeyValuePair<string, object?>[] metadata) =>
            (await store.RecallAsync(new MemoryQuery { Metadata = ValueMap<object?>.From(metadata) })).Select(r => r.Id);

        Assert.Equal([match], await Filter(M("source", "chat"), M("turn", 3.0)));
        Assert.Equal([match], await Filter(M("flag", true), M("l", ValueList<object?>.From([1.0, 2.0]))));
        Assert.Equal(2, (await Filter(M("turn", 3))).Count());
        Assert.Equal(2, (await Filter(M("none", null))).Count());
        Assert.Empty(await Filter(M("source", "CHAT")));
        Assert.Empty(await Filter(M("turn", "3")));
    }

    [Fact]
    public async Task CreateAsync_SameContentWithinWindow_IsDeduplicatedByTheKeyedHash()
    {
        var store = await Open(_key, TimeSpan.FromMinutes(5));
        var first = await store.CreateAsync(new MemoryDraft { Content = "Likes tea" });

        var second = await store.CreateAsync(new MemoryDraft { Content = "  likes   TEA " });

        Assert.False(second.Created);
        Assert.Equal(first.Record, second.Record);
        Assert.NotEqual(MemoryContentHash.Compute("Likes tea"), Raw("SELECT content_hash FROM memories", c => (string)c.ExecuteScalar()!));
    }

    [Fact]
    public async Task OpenAsync_EncryptedStoreWithoutKey_IsKeyRequiredAndChangesNothing()
    {
        var records = await Created(await Open(_key), "first secret", "second secret");
        var before = FileDigest();

        var error = await Assert.ThrowsAsync<MemoryEncryptionException>(() => Open(null));

        Assert.Equal(MemoryEncryptionError.KeyRequired, error.Error);
        Assert.Contains(_database.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains(_key.KeyId, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, FileDigest());
        Assert.Equal(records, await (await Open(_key)).ListAsync());
    }

    [Fact]
    public async Task OpenAsync_WrongKey_IsDetectedBeforeAnyWriteAndChangesNothing()
    {
        var records = await Created(await Open(_key), "first secret", "second secret");
        var before = FileDigest();

        var error = await Assert.ThrowsAsync<MemoryEncryptionException>(() => Open(_otherKey));

        Assert.Equal((MemoryEncryptionError.WrongKey, _database.Path), (error.Error, error.Path));
        Assert.Contains(_key.KeyId, error.Message, StringComparison.Ordinal);
        Assert.Contains(_otherKey.KeyId, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, FileDigest());
        Assert.Equal(records, await (await Open(_key)).ListAsync());
    }

    [Fact]
    public async Task OpenAsync_CorruptedKeyFile_IsATypedErrorAndTheStoreStaysReadable()
    {
        var keyPath = Path.Combine(_database.Directory, "memory.key");
        _key.WriteFile(keyPath);
        var records = await Created(await Open(_key), "first secret", "second secret");
        var before = FileDigest();
        var original = File.ReadAllBytes(keyPath);
        File.WriteAllText(keyPath, "memory-triggers-key v1\nAAAA\n");

        var error = Assert.Throws<MemoryEncryptionException>(() => MemoryEncryptionKey.Load(keyPath));

        Assert.Equal(MemoryEncryptionError.KeyFileCorrupted, error.Error);
        Assert.Equal(before, FileDigest());
        File.WriteAllBytes(keyPath, original);
        using var restored = MemoryEncryptionKey.Load(keyPath);
        Assert.Equal(records, await (await Open(restored)).ListAsync());
    }

    [Fact]
    public async Task OpenAsync_PlaintextStoreWithMemoriesAndAKey_IsRefusedWithGuidanceAndChangesNothing()
    {
        var plain = await Open(null);
        var created = (await plain.CreateAsync(new MemoryDraft { Content = "plain memory" })).Record;
        await plain.DisposeAsync();
        var before = FileDigest();

        var error = await Assert.ThrowsAsync<MemoryEncryptionException>(() => Open(_key));

        Assert.Equal(MemoryEncryptionError.PlaintextStoreNotEmpty, error.Error);
        Assert.Contains("export", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, FileDigest());
        Assert.Equal([created], await (await Open(null)).ListAsync());
    }

    [Fact]
    public async Task OpenAsync_EmptyPlaintextStoreWithAKey_BecomesEncrypted()
    {
        var plain = await Open(null);
        Assert.False(plain.IsEncrypted);
        await plain.DisposeAsync();

        var encrypted = await Open(_key);
        var created = (await encrypted.CreateAsync(new MemoryDraft { Content = "now sealed" })).Record;

        Assert.Equal(created, await (await Open(_key)).GetAsync(created.Id));
        Assert.Equal(MemoryEncryptionError.KeyRequired, (await Assert.ThrowsAsync<MemoryEncryptionException>(() => Open(null))).Error);
    }

    [Fact]
    public async Task WriteAsync_StoreEncryptedByAnotherOpenerMeanwhile_RefusesToWritePlaintext()
    {
        var plain = await Open(null);
        var encrypted = await Open(_key);

        var error = await Assert.ThrowsAsync<MemoryEncryptionException>(() => plain.CreateAsync(new MemoryDraft { Content = "would leak" }));

        Assert.Equal(MemoryEncryptionError.KeyRequired, error.Error);
        Assert.Empty(await encrypted.ListAsync());
        Assert.Equal(0L, Raw("SELECT count(*) FROM memories", c => (long)c.ExecuteScalar()!));
    }

    [Fact]
    public async Task GetAsync_TamperedCiphertext_IsATypedErrorNamingTheMemoryAndOthersStayReadable()
    {
        var store = await Open(_key);
        var records = await Created(store, "first secret", "second secret", "third secret");
        Raw("UPDATE memories SET sealed_content = substr(sealed_content, 1, 20) || x'00' || substr(sealed_content, 22) WHERE id = $id", c =>
        {
            c.Parameters.AddWithValue("$id", records[1].Id);
            return c.ExecuteNonQuery();
        });

        var error = await Assert.ThrowsAsync<MemoryEncryptionException>(() => store.GetAsync(records[1].Id));

        Assert.Equal((MemoryEncryptionError.Tampered, records[1].Id), (error.Error, error.MemoryId));
        Assert.Contains($"'{records[1].Id}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(MemoryEncryptionError.Tampered, (await Assert.ThrowsAsync<MemoryEncryptionException>(() => store.ListAsync())).Error);
        var reopened = await Open(_key);
        Assert.Equal(records[0], await reopened.GetAsync(records[0].Id));
        Assert.Equal(records[2], await reopened.GetAsync(records[2].Id));
        Assert.True(await reopened.DeleteAsync(records[1].Id));
        Assert.Equal([records[0], records[2]], await reopened.ListAsync());
    }

    [Fact]
    public async Task GetAsync_CiphertextsSwappedBetweenRows_IsTampered()
    {
        var store = await Open(_key);
        var records = await Created(store, "first secret", "second secret");
        Raw(
            """
            UPDATE memories SET sealed_metadata = (SELECT sealed_metadata FROM memories WHERE id = $b) WHERE id = $a;
            UPDATE memories SET sealed_content = (SELECT sealed_metadata FROM memories WHERE id = $b) WHERE id = $b;
            """,
            c =>
            {
                c.Parameters.AddWithValue("$a", records[0].Id);
                c.Parameters.AddWithValue("$b", records[1].Id);
                return c.ExecuteNonQuery();
            });

        Assert.Equal(records[0].Id, (await Assert.ThrowsAsync<MemoryEncryptionException>(() => store.GetAsync(records[0].Id))).MemoryId);
        Assert.Equal(records[1].Id, (await Assert.ThrowsAsync<MemoryEncryptionException>(() => store.GetAsync(records[1].Id))).MemoryId);
    }

    [Fact]
    public async Task RecallAsync_DottedCapitalI_MatchesInAnyCase()
    {
        var store = await Open(_key);
        var record = (await Created(store, "Meeting in İstanbul"))[0];

        Assert.Equal([record.Id], (await store.RecallAsync(new MemoryQuery { Text = "istanbul" })).Select(r => r.Id));
    }

    [Fact]
    public async Task OpenAsync_SearchIndexRebuiltOverATamperedRow_OpensAndLeavesOnlyThatRowUnsearchable()
    {
        var store = await Open(_key);
        var records = await Created(store, "first secret", "second secret");
        await store.DisposeAsync();

        // Back to the objects version 4 had, with one row's ciphertext damaged, so migration 5 runs again over it.
        Raw(
            """
            UPDATE memories SET sealed_content = x'00' WHERE id = $a;
            DROP TABLE memories_fts; DROP TABLE words;
            CREATE TABLE tags (x); CREATE TABLE metadata (x);
            CREATE VIRTUAL TABLE memories_fts USING fts5 (content);
            ALTER TABLE memories ADD COLUMN tags_text TEXT NOT NULL DEFAULT '';
            DELETE FROM schema_version WHERE version >= 5;
            """,
            c =>
            {
                c.Parameters.AddWithValue("$a", records[0].Id);
                return c.ExecuteNonQuery();
            });

        var reopened = await Open(_key);

        Assert.Equal(SqliteSchema.LatestVersion, await reopened.GetSchemaVersionAsync());
        Assert.Equal([records[1].Id], (await reopened.RecallAsync(new MemoryQuery { Text = "secret" })).Select(r => r.Id));
        Assert.True(await reopened.DeleteAsync(records[0].Id));
    }
}
