using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MemoryTriggers.Memory.Encryption;

namespace MemoryTriggers.Tests.Memory.Encryption;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MemoryEncryptionKeyTests : IDisposable
{
    private static readonly byte[] KnownBytes = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private readonly string _directory = Directory.CreateTempSubdirectory("memory-triggers-key-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string KeyPath(string name = "memory.key") => Path.Combine(_directory, name);

    private string WriteText(string text, string name = "memory.key")
    {
        var path = KeyPath(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void WriteFile_ThenLoad_GivesTheSameKeyInTheDocumentedFormat()
    {
        using var key = MemoryEncryptionKey.FromBytes(KnownBytes);
        var path = KeyPath();

        key.WriteFile(path);
        using var loaded = MemoryEncryptionKey.Load(path);

        Assert.Equal(key.KeyId, loaded.KeyId);
        Assert.Equal(KnownBytes, loaded.Bytes.ToArray());
        Assert.Equal("memory-triggers-key v1\n" + Convert.ToBase64String(KnownBytes) + "\n", File.ReadAllText(path));
    }

    [Fact]
    public void WriteFile_NewFile_IsOwnerReadWriteOnly()
    {
        using var key = MemoryEncryptionKey.Generate();
        var path = Path.Combine(_directory, "nested", "memory.key");

        key.WriteFile(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteFile_ExistingFile_IsRefusedAndLeftAsItWas()
    {
        var path = WriteText("precious");
        using var key = MemoryEncryptionKey.Generate();

        var error = Assert.Throws<MemoryEncryptionException>(() => key.WriteFile(path));

        Assert.Equal(MemoryEncryptionError.KeyFileNotWritten, error.Error);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(path));
    }

    [Fact]
    public void WriteFile_OverwriteAsked_ReplacesTheFileWithOwnerOnlyMode()
    {
        var path = WriteText("old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var key = MemoryEncryptionKey.Generate();

        key.WriteFile(path, overwrite: true);

        using var loaded = MemoryEncryptionKey.Load(path);
        Assert.Equal(key.KeyId, loaded.KeyId);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Generate_TwoKeys_DifferAndHaveSixteenHexDigitIds()
    {
        using var a = MemoryEncryptionKey.Generate();
        using var b = MemoryEncryptionKey.Generate();

        Assert.NotEqual(a.KeyId, b.KeyId);
        Assert.Matches("^[0-9a-f]{16}$", a.KeyId);
    }

    [Fact]
    public void KeyId_SameBytes_IsStableAndDoesNotContainTheKey()
    {
        using var a = MemoryEncryptionKey.FromBytes(KnownBytes);
        using var b = MemoryEncryptionKey.FromBytes(KnownBytes);

        Assert.Equal(a.KeyId, b.KeyId);
        Assert.DoesNotContain(Convert.ToHexStringLower(KnownBytes[..8]), a.KeyId, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_WrongLength_Throws() =>
        Assert.Throws<ArgumentException>(() => MemoryEncryptionKey.FromBytes(new byte[16]));

    [Fact]
    public void Dispose_ThenUse_Throws()
    {
        var key = MemoryEncryptionKey.Generate();
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.WriteFile(KeyPath()));
        Assert.False(File.Exists(KeyPath()));
    }

    [Fact]
    public void Load_MissingFile_IsATypedErrorNamingThePathAndKeygen()
    {
        var path = KeyPath("absent.key");

        var error = Assert.Throws<MemoryEncryptionException>(() => MemoryEncryptionKey.Load(path));

        Assert.Equal(MemoryEncryptionError.KeyFileMissing, error.Error);
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("keygen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Directory_IsUnreadable()
    {
        var error = Assert.Throws<MemoryEncryptionException>(() => MemoryEncryptionKey.Load(_directory));

        Assert.Equal(MemoryEncryptionError.KeyFileUnreadable, error.Error);
        Assert.Contains(_directory, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "first line")]
    [InlineData("memory-triggers-key v2\nAAAA\n", "first line")]
    [InlineData("memory-triggers-key v1\n", "lines after the header")]
    [InlineData("memory-triggers-key v1\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\nmore\n", "lines after the header")]
    [InlineData("memory-triggers-key v1\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==\n", "32 bytes")]
    [InlineData("memory-triggers-key v1\nnot base64 at all!\n", "32 bytes")]
    [InlineData("memory-triggers-key v1\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ==\n", "32 bytes")]
    public void Load_CorruptedFile_IsATypedErrorSayingWhy(string text, string reason)
    {
        var path = WriteText(text);

        var error = Assert.Throws<MemoryEncryptionException>(() => MemoryEncryptionKey.Load(path));

        Assert.Equal(MemoryEncryptionError.KeyFileCorrupted, error.Error);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WindowsLineEndingsAndNoFinalNewline_AreAccepted()
    {
        var path = WriteText("memory-triggers-key v1\r\n" + Convert.ToBase64String(KnownBytes));

        using var key = MemoryEncryptionKey.Load(path);

        Assert.Equal(KnownBytes, key.Bytes.ToArray());
    }

    [Fact]
    public void Load_BinaryOrHugeFile_IsCorrupted()
    {
        var binary = KeyPath("binary.key");
        File.WriteAllBytes(binary, [0xff, 0xfe, 0x00, 0x80]);
        var huge = WriteText(new string('x', 10_000), "huge.key");

        Assert.Equal(MemoryEncryptionError.KeyFileCorrupted, Assert.Throws<MemoryEncryptionException>(() => MemoryEncryptionKey.Load(binary)).Error);
        Assert.Equal(MemoryEncryptionError.KeyFileCorrupted, Assert.Throws<MemoryEncryptionException>(() => MemoryEncryptionKey.Load(huge)).Error);
    }

    [Fact]
    public void Load_RandomBytesOrText_OnlyEverThrowsTheTypedError()
    {
        var path = KeyPath("random.key");
        var header = Encoding.UTF8.GetBytes(MemoryEncryptionKey.FileHeader + "\n");

        bool LoadsOrFailsTyped(byte[] content)
        {
            File.WriteAllBytes(path, content);
            try
            {
                MemoryEncryptionKey.Load(path).Dispose();
                return true;
            }
            catch (MemoryEncryptionException e)
            {
                return e.Error == MemoryEncryptionError.KeyFileCorrupted && e.Message.Contains(path, StringComparison.Ordinal);
            }
        }

        var bytes = Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), content => LoadsOrFailsTyped(content) && LoadsOrFailsTyped([.. header, .. content]));
        var text = Prop.ForAll(
            ArbMap.Default.ArbFor<string>(),
            content => content is null || (LoadsOrFailsTyped(Encoding.UTF8.GetBytes(content)) && LoadsOrFailsTyped([.. header, .. Encoding.UTF8.GetBytes(content)])));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), bytes);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), text);
        Assert.True(LoadsOrFailsTyped([.. header, .. Encoding.ASCII.GetBytes(Convert.ToBase64String(KnownBytes))]));
    }
}
