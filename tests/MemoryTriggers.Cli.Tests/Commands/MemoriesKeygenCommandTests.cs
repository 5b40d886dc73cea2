using System.Text.Json;

namespace MemoryTriggers.Cli.Tests.Commands;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MemoriesKeygenCommandTests : IDisposable
{
    private readonly MemoryWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string EncryptedConfig(string keyPath) => _workspace.Write("encrypted.yaml", $"""
        backend:
          backend_type: local
          encryption_enabled: true
          encryption_key_path: {keyPath}
          backend_settings:
            local_storage_path: {_workspace.File("encrypted.db")}
        """);

    [Fact]
    public async Task Keygen_NewPath_WritesAnOwnerOnlyKeyAndPrintsItsId()
    {
        var path = _workspace.File("memory.key");

        var result = await CliRun.RunAsync("memories", "keygen", "--output", path, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var keyId = JsonDocument.Parse(result.Output).RootElement.GetProperty("key_id").GetString();
        Assert.Matches("^[0-9a-f]{16}$", keyId);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Keygen_ExistingFile_RefusesUnlessForced()
    {
        var path = _workspace.Write("memory.key", "keep me");

        var refused = await CliRun.RunAsync("memories", "keygen", "--output", path);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("refusing to overwrite", refused.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(path));
        Assert.Equal(0, (await CliRun.RunAsync("memories", "keygen", "--output", path, "--force")).ExitCode);
        Assert.NotEqual("keep me", File.ReadAllText(path));
    }

    [Fact]
    public async Task Keygen_NoOutput_IsAUsageError()
    {
        Assert.Equal(64, (await CliRun.RunAsync("memories", "keygen")).ExitCode);
    }

    [Fact]
    public async Task EncryptedStore_WithItsKey_ImportsAndSearchesAndKeepsContentOutOfTheFile()
    {
        var key = _workspace.File("memory.key");
        await CliRun.RunAsync("memories", "keygen", "--output", key);
        var config = EncryptedConfig(key);

        var imported = await CliRun.RunAsync("memories", "import", _workspace.Write("in.jsonl", "{\"content\":\"Payment gateway returned HTTP 502 for order 4411\"}\n"), "--config", config);
        var found = await CliRun.RunAsync("memories", "search", "gateway", "--config", config);

        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("Payment gateway returned HTTP 502", found.Output, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(_workspace.File("encrypted.db")).Concat(File.Exists(_workspace.File("encrypted.db-wal")) ? File.ReadAllBytes(_workspace.File("encrypted.db-wal")) : []).ToArray();
        Assert.DoesNotContain("Payment gateway", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EncryptedStore_WrongKey_FailsWithBothKeyIdsAndChangesNothing()
    {
        var key = _workspace.File("memory.key");
        await CliRun.RunAsync("memories", "keygen", "--output", key);
        var config = EncryptedConfig(key);
        await CliRun.RunAsync("memories", "import", _workspace.Write("in.jsonl", "{\"content\":\"kept safe\"}\n"), "--config", config);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = File.ReadAllBytes(_workspace.File("encrypted.db"));
        var other = _workspace.File("other.key");
        await CliRun.RunAsync("memories", "keygen", "--output", other);

        var result = await CliRun.RunAsync("memories", "stats", "--config", EncryptedConfig(other));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is encrypted with key id", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_workspace.File("encrypted.db")));
        Assert.Contains("kept safe", (await CliRun.RunAsync("memories", "list", "--config", EncryptedConfig(key))).Output, StringComparison.Ordinal);
    }
}
