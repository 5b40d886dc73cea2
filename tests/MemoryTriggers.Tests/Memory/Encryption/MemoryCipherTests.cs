using MemoryTriggers.Memory.Encryption;

namespace MemoryTriggers.Tests.Memory.Encryption;

public sealed class MemoryCipherTests : IDisposable
{
    private readonly MemoryEncryptionKey _key = MemoryEncryptionKey.FromBytes([.. Enumerable.Range(0, 32).Select(i => (byte)i)]);
    private readonly MemoryCipher _cipher;

    public MemoryCipherTests() => _cipher = new MemoryCipher(_key);

    public void Dispose()
    {
        _cipher.Dispose();
        _key.Dispose();
    }

    [Fact]
    public void Seal_ThenOpen_RoundTripsWithAFreshNonceEachTime()
    {
        var first = _cipher.Seal("m1", "content", "Üñíçødé secret");
        var second = _cipher.Seal("m1", "content", "Üñíçødé secret");

        Assert.NotEqual(first, second);
        Assert.Equal("Üñíçødé secret", _cipher.Open("m1", "content", first));
        Assert.Equal(string.Empty, _cipher.Open("m1", "content", _cipher.Seal("m1", "content", string.Empty)));
    }

    [Theory]
    [InlineData("m2", "content")]
    [InlineData("m1", "metadata")]
    public void Open_OtherMemoryOrField_IsTampered(string id, string field)
    {
        var sealedValue = _cipher.Seal("m1", "content", "secret");

        var error = Assert.Throws<MemoryEncryptionException>(() => _cipher.Open(id, field, sealedValue));

        Assert.Equal((MemoryEncryptionError.Tampered, id), (error.Error, error.MemoryId));
        Assert.Contains($"'{id}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FlippedByteTruncatedOrMissing_IsTampered()
    {
        var sealedValue = _cipher.Seal("m1", "content", "secret");
        var flipped = sealedValue.ToArray();
        flipped[^1] ^= 1;

        Assert.Equal(MemoryEncryptionError.Tampered, Assert.Throws<MemoryEncryptionException>(() => _cipher.Open("m1", "content", flipped)).Error);
        Assert.Equal(MemoryEncryptionError.Tampered, Assert.Throws<MemoryEncryptionException>(() => _cipher.Open("m1", "content", sealedValue[..10])).Error);
        Assert.Equal(MemoryEncryptionError.Tampered, Assert.Throws<MemoryEncryptionException>(() => _cipher.Open("m1", "content", null)).Error);
    }

    [Fact]
    public void Tokens_SameWordsAnyCaseOrAccent_AreEqualSortedAndHideTheWords()
    {
        var tokens = _cipher.Tokens("Café deploy, CAFE!");

        Assert.Equal(_cipher.Tokens("deploy cafe cafe"), tokens);
        Assert.Equal(3, tokens.Split(' ').Length);
        Assert.All(tokens.Split(' '), token => Assert.Matches("^[0-9a-f]{16}$", token));
        Assert.DoesNotContain("deploy", tokens, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(_cipher.Token("deploy"), _cipher.Token("deployment"));
    }

    [Fact]
    public void Hash_DependsOnKeyAndPurpose()
    {
        using var otherKey = MemoryEncryptionKey.FromBytes(new byte[32]);
        using var other = new MemoryCipher(otherKey);

        Assert.Equal(_cipher.Hash("p", "v"), _cipher.Hash("p", "v"));
        Assert.NotEqual(_cipher.Hash("p", "v"), _cipher.Hash("q", "v"));
        Assert.NotEqual(_cipher.Hash("p", "v"), other.Hash("p", "v"));
        Assert.NotEqual(_cipher.KeyCheck, other.KeyCheck);
    }
}
