using FsCheck;
using FsCheck.Fluent;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;
using MemoryTriggers.Memory.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace MemoryTriggers.Tests.Memory.Sqlite;

public sealed class SqliteMemoryStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly TempDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DeleteAsync();

    private static MemoryDraft Draft(string content) => new() { Content = content };

    [Fact]
    public async Task OpenAsync_MissingDirectory_CreatesFileInWalModeAtLatestSchema()
    {
        var path = Path.Combine(_database.Directory, "nested", "deeper", "m.db");

        var store = await _database.OpenAsync(_time, path: path);

        Assert.True(File.Exists(path));
        Assert.Equal(path, store.FullPath);
        Assert.Equal(SqliteSchema.LatestVersion, await store.GetSchemaVersionAsync());
        Assert.Equal("wal", Scalar(path, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task OpenAsync_Twice_MigratesOnceAndKeepsData()
    {
        var first = await _database.OpenAsync(_time);
        await first.CreateAsync(Draft("kept"));

        var second = await _database.OpenAsync(_time);

        Assert.Equal(SqliteSchema.LatestVersion, await second.GetSchemaVersionAsync());
        Assert.Equal((long)SqliteSchema.LatestVersion, Scalar(_database.Path, "SELECT count(*) FROM schema_version"));
        Assert.Equal(["kept"], (await second.ListAsync()).Select(r => r.Content));
    }

    [Fact]
    public async Task OpenAsync_InvalidOptions_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SqliteMemoryStore.OpenAsync(new SqliteMemoryStoreOptions { Path = _database.Path, BatchSize = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SqliteMemoryStore.OpenAsync(new SqliteMemoryStoreOptions { Path = _database.Path, DeduplicationWindow = TimeSpan.FromSeconds(-1) }));
        await Assert.ThrowsAsync<ArgumentException>(() => SqliteMemoryStore.OpenAsync(new SqliteMemoryStoreOptions { Path = " " }));
    }

    [Fact]
    public void FromConfiguration_Settings_MapPathBatchAndTimeout()
    {
        var backend = new BackendConfig { BackendSettings = ValueMap<object?>.From([new("local_storage_path", "/tmp/x.db")]), WriteTimeout = 2.5 };

        var options = SqliteMemoryStoreOptions.FromConfiguration(backend, new PerformanceConfig { BatchSize = 7 });

        Assert.Equal(("/tmp/x.db", 7, TimeSpan.FromSeconds(2.5)), (options.Path, options.BatchSize, options.BusyTimeout));
        Assert.Equal("./memory-triggers.db", SqliteMemoryStoreOptions.FromConfiguration(new BackendConfig(), new PerformanceConfig()).Path);
    }

    [Theory]
    [InlineData("./store/", "./store/memory-triggers.db")]
    [InlineData("./plain", "./plain")]
    public void FromConfiguration_DirectoryPath_PutsTheDefaultFileInside(string configured, string expected)
    {
        var backend = new BackendConfig { BackendSettings = ValueMap<object?>.From([new("local_storage_path", configured)]) };

        Assert.Equal(expected, SqliteMemoryStoreOptions.FromConfiguration(backend, new PerformanceConfig()).Path);
    }

    [Fact]
    public void FromConfiguration_ExistingDirectory_PutsTheDefaultFileInside()
    {
        var directory = Directory.CreateTempSubdirectory("mt-dir-").FullName;
        try
        {
            var backend = new BackendConfig { BackendSettings = ValueMap<object?>.From([new("local_storage_path", directory)]) };

            Assert.Equal(Path.Combine(directory, "memory-triggers.db"), SqliteMemoryStoreOptions.FromConfiguration(backend, new PerformanceConfig()).Path);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public async Task CreateAsync_ReopenedStore_ReadsEveryFieldBack()
    {
        var store = await _database.OpenAsync(_time);
        var created = (await store.CreateAsync(EveryFieldDraft.Create("Üñíçødé content"))).Record;

        var reopened = await _database.OpenAsync(_time);

        var read = await reopened.GetAsync(created.Id);
        Assert.Equal(created, read);
        Assert.IsType<long>(read!.Metadata["i"]);
        Assert.IsType<double>(read.Metadata["d"]);
    }

    [Fact]
    public async Task RecallAsync_MoreMatchingTerms_RankFirstWhateverTheAge()
    {
        var store = await _database.OpenAsync(_time, TimeSpan.Zero);
        var three = (await store.CreateAsync(Draft("deploy python services to kubernetes"))).Record.Id;
        _time.Advance(TimeSpan.FromMinutes(1));
        var two = (await store.CreateAsync(Draft("python on kubernetes"))).Record.Id;
        _time.Advance(TimeSpan.FromMinutes(1));
        var one = (await store.CreateAsync(Draft("kubernetes notes"))).Record.Id;
        _time.Advance(TimeSpan.FromMinutes(1));
        await store.CreateAsync(Draft("nothing relevant"));

        var found = await store.RecallAsync(new MemoryQuery { Text = "kubernetes python deploy" });

        Assert.Equal([three, two, one], found.Select(r => r.Id));
    }

    [Fact]
    public async Task RecallAsync_EqualMatchesAndTimes_BreaksTiesByBm25()
    {
        var store = await _database.OpenAsync(_time, TimeSpan.Zero);
        // The focused memory is written first, so only BM25 (not the write order) puts it ahead.
        var focused = (await store.CreateAsync(Draft("tea"))).Record.Id;
        var diluted = (await store.CreateAsync(Draft("tea with many other words around it here"))).Record.Id;

        Assert.Equal([focused, diluted], (await store.RecallAsync(new MemoryQuery { Text = "tea" })).Select(r => r.Id));
    }

    [Fact]
    public async Task RecallAsync_WordStartingMoreThanTheExpansionLimit_StillFindsEveryPrefixMatch()
    {
        var store = await _database.OpenAsync(_time, TimeSpan.Zero);
        var words = Enumerable.Range(0, SqliteSearchIndex.MaxExpansions + 8).Select(i => $"deploy{i:D2}").ToList();
        await store.CreateManyAsync(words.Select(w => Draft($"note {w}")));
        await store.CreateAsync(Draft("Déployer la version"));

        var wide = await store.RecallAsync(new MemoryQuery { Text = "deploy", Limit = 100 });
        var narrow = await store.RecallAsync(new MemoryQuery { Text = "DEPLOY1", Limit = 100 });
        var accented = await store.RecallAsync(new MemoryQuery { Text = "deployer" });

        Assert.Equal(words.Count + 1, wide.Count);
        Assert.Equal(words.Where(w => w.StartsWith("deploy1", StringComparison.Ordinal)).Order(), narrow.Select(r => r.Content[5..]).Order());
        Assert.Equal(["Déployer la version"], accented.Select(r => r.Content));
    }

    [Theory]
    [InlineData("Meeting in İstanbul", "ist")]
    [InlineData("BİLGİ bankası", "bilgi")]
    [InlineData("ΣΟΦΟΣ ΑΝΘΡΩΠΟΣ", "σοφος")]
    [InlineData("ο σοφος άνθρωπος", "ΣΟΦΟΣ")]
    [InlineData("Crème brûlée", "CREME")]
    public async Task RecallAsync_CaseAndAccentsOfAnyScript_MatchLikeTheirPlainForm(string content, string query)
    {
        var store = await _database.OpenAsync(_time);
        await store.CreateAsync(Draft(content));

        Assert.Equal([content], (await store.RecallAsync(new MemoryQuery { Text = query })).Select(r => r.Content));
    }

    [Fact]
    public async Task DeleteAndUpdate_LastMemoryHoldingAWord_DropItFromTheVocabulary()
    {
        var store = await _database.OpenAsync(_time, TimeSpan.Zero);
        var patient = (await store.CreateAsync(Draft("patient johndoe hivpositive"))).Record;
        var other = (await store.CreateAsync(Draft("visit by johndoe"))).Record;

        await store.DeleteAsync(patient.Id);
        await store.UpdateAsync(other.Id, new MemoryUpdate { Content = "visit rescheduled" });

        Assert.Equal(["rescheduled", "visit"], Vocabulary());
        Assert.Empty(await store.RecallAsync(new MemoryQuery { Text = "johndoe" }));
    }

    [Fact]
    public async Task RecallAsync_MetadataValueOfAnotherType_FiltersAsItsTextBeforeAndAfterAWrite()
    {
        var store = await _database.OpenAsync(_time);
        var when = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        var id = (await store.CreateAsync(new MemoryDraft { Content = "dated", Metadata = new Dictionary<string, object?> { ["when"] = when } })).Record.Id;
        var query = new MemoryQuery { Metadata = new Dictionary<string, object?> { ["when"] = when } };

        var before = await store.RecallAsync(query);
        await store.AddTagAsync(id, "t");
        var after = await store.RecallAsync(query);

        Assert.Equal([id], before.Select(r => r.Id));
        Assert.Equal([id], after.Select(r => r.Id));
    }

    [Fact]
    public async Task RecallAsync_MetadataKeyWithSeparators_DoesNotMatchAnotherEntry()
    {
        var store = await _database.OpenAsync(_time);
        await store.CreateAsync(new MemoryDraft { Content = "x", Metadata = new Dictionary<string, object?> { ["a"] = "b\0s:" } });

        Assert.Empty(await store.RecallAsync(new MemoryQuery { Metadata = new Dictionary<string, object?> { ["a\0s:b"] = null } }));
    }

    private string[] Vocabulary()
    {
        using var connection = new SqliteConnection($"Data Source={_database.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT word FROM words ORDER BY word";
        using var reader = command.ExecuteReader();
        var words = new List<string>();
        while (reader.Read())
        {
            words.Add(reader.GetString(0));
        }

        return [.. words];
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("tea\" OR content:*")]
    [InlineData("NEAR(a b) AND NOT ^c")]
    [InlineData("'); DROP TABLE memories; --")]
    [InlineData("tags_text:tea* {content} - + :")]
    public async Task RecallAsync_HostileText_IsPlainWords(string text)
    {
        var store = await _database.OpenAsync(_time);
        await store.CreateAsync(Draft("tea content drop table memories"));

        await store.RecallAsync(new MemoryQuery { Text = text });

        Assert.Single(await store.ListAsync());
    }

    [Fact]
    public async Task RecallAsync_RandomText_NeverThrowsAndMatchesOnlyRealWords()
    {
        var store = await _database.OpenAsync(_time);
        await store.CreateAsync(Draft("alpha beta gamma"));

        var property = Prop.ForAll(
            ArbMap.Default.ArbFor<string>(),
            text =>
            {
                var found = store.RecallAsync(new MemoryQuery { Text = text }).GetAwaiter().GetResult();
                return found.Count <= 1;
            });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
        Assert.Single(await store.RecallAsync(new MemoryQuery { Text = "\"GAMMA\" ?" }));
    }

    [Fact]
    public async Task RecallAsync_ManyTerms_IsCappedNotAnError()
    {
        var store = await _database.OpenAsync(_time);
        await store.CreateAsync(Draft("w5"));

        var found = await store.RecallAsync(new MemoryQuery { Text = string.Join(' ', Enumerable.Range(0, 2000).Select(i => "w" + i)) });

        Assert.Single(found);
    }

    [Fact]
    public async Task RecallAsync_MetadataListValue_ComparesStructurally()
    {
        var store = await _database.OpenAsync(_time, TimeSpan.Zero);
        var id = (await store.CreateAsync(new MemoryDraft { Content = "x", Metadata = ValueMap<object?>.From([new("l", ValueList<object?>.From([1L, 2L]))]) })).Record.Id;
        await store.CreateAsync(new MemoryDraft { Content = "y", Metadata = ValueMap<object?>.From([new("l", ValueList<object?>.From([1L]))]) });

        var found = await store.RecallAsync(new MemoryQuery { Metadata = ValueMap<object?>.From([new("l", ValueList<object?>.From([1.0, 2.0]))]) });

        Assert.Equal([id], found.Select(r => r.Id));
    }

    [Fact]
    public async Task UpdateAsync_ContentAndTags_AreReindexedForRecall()
    {
        var store = await _database.OpenAsync(_time);
        var id = (await store.CreateAsync(new MemoryDraft { Content = "old words", Tags = ValueList<string>.From(["oldtag"]) })).Record.Id;

        await store.UpdateAsync(id, new MemoryUpdate { Content = "fresh words", Tags = ValueList<string>.From(["newtag"]) });

        Assert.Empty(await store.RecallAsync(new MemoryQuery { Text = "old" }));
        Assert.Empty(await store.RecallAsync(new MemoryQuery { Text = "oldtag" }));
        Assert.Single(await store.RecallAsync(new MemoryQuery { Text = "fresh newtag", Tags = ValueList<string>.From(["NEWTAG"]) }));
        await store.DeleteAsync(id);
        Assert.Empty(await store.RecallAsync(new MemoryQuery { Text = "fresh" }));
    }

    [Fact]
    public async Task CreateManyAsync_MoreThanABatch_StoresAllInOrderWithDeduplication()
    {
        var store = await _database.OpenAsync(_time, batchSize: 3);
        var drafts = Enumerable.Range(0, 10).Select(i => Draft("item " + i)).Append(Draft("ITEM 4")).ToList();

        var results = await store.CreateManyAsync(drafts);

        Assert.Equal(11, results.Count);
        Assert.Equal(10, results.Count(r => r.Created));
        Assert.Equal(results[4].Record, results[10].Record);
        Assert.Equal(drafts.Take(10).Select(d => d.Content), (await store.ListAsync()).Select(r => r.Content));
    }

    [Fact]
    public async Task CreateManyAsync_FailureMidBatch_LeavesEarlierBatchesAndNothingOfItsOwn()
    {
        var calls = 0;
        var store = await _database.OpenAsync(_time, newId: () => ++calls == 6 ? throw new IOException("crash") : "m" + calls, batchSize: 4);

        await Assert.ThrowsAsync<IOException>(() => store.CreateManyAsync(Enumerable.Range(0, 10).Select(i => Draft("item " + i))));

        Assert.Equal(["item 0", "item 1", "item 2", "item 3"], (await store.ListAsync()).Select(r => r.Content));
        Assert.Empty(await store.HistoryAsync("m5"));
        Assert.Equal(4, (await store.RecallAsync(new MemoryQuery { Text = "item", Limit = 100 })).Count);
    }

    [Fact]
    public async Task CreateManyAsync_InvalidDraft_WritesNothing()
    {
        var store = await _database.OpenAsync(_time);

        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateManyAsync([Draft("ok"), Draft(" ")]));

        Assert.Empty(await store.ListAsync());
    }

    [Fact]
    public async Task CreateAsync_ManyThreadsMixedOperations_AllLand()
    {
        var store = await _database.OpenAsync(TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var id = (await store.CreateAsync(Draft($"worker {worker} item {i}"))).Record.Id;
                await store.AddTagAsync(id, "w" + worker);
                await store.RecallAsync(new MemoryQuery { Text = "item " + i });
            }
        })));

        Assert.Equal(400, (await store.ListAsync(0, 1000)).Count);
        Assert.Equal(50, (await store.RecallAsync(new MemoryQuery { Tags = ValueList<string>.From(["w3"]), Limit = 100 })).Count);
    }

    [Fact]
    public async Task CreateAsync_TwoStoresOnOneFile_WriteConcurrentlyWithoutLossOrDuplicates()
    {
        var first = await _database.OpenAsync(TimeProvider.System);
        var second = await _database.OpenAsync(TimeProvider.System);

        var results = await Task.WhenAll(
            Enumerable.Range(0, 200).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).CreateAsync(Draft("shared " + (i / 2))))));

        Assert.Equal(100, results.Count(r => r.Created));
        Assert.Equal(100, (await first.ListAsync(0, 1000)).Count);
        Assert.Equal(100, (await second.ListAsync(0, 1000)).Select(r => r.Id).Distinct().Count());
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
