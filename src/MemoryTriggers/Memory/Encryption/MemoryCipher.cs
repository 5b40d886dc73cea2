using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MemoryTriggers.Memory.Encryption;

/// <summary>
/// The cryptography of an encrypted store, from subkeys derived (HKDF-SHA256) from one
/// <see cref="MemoryEncryptionKey"/>: AES-256-GCM for values, HMAC-SHA256 for search tokens and for
/// keyed hashes that equality filters and deduplication compare. Thread-safe.
/// </summary>
internal sealed class MemoryCipher : IDisposable
{
    /// <summary>The first byte of every sealed value: the format version.</summary>
    public const byte Version = 1;

    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int HeaderLength = 1 + NonceLength + TagLength;

    private readonly byte[] _encryptionKey;
    private readonly byte[] _indexKey;
    private readonly byte[] _hashKey;

    public MemoryCipher(MemoryEncryptionKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bytes = key.Bytes;
        _encryptionKey = Derive(bytes, "memory-triggers/v1 value encryption");
        _indexKey = Derive(bytes, "memory-triggers/v1 search tokens");
        _hashKey = Derive(bytes, "memory-triggers/v1 keyed hashes");
        KeyId = key.KeyId;
        KeyCheck = Convert.ToHexStringLower(HMACSHA256.HashData(bytes, "key-check"u8));
    }

    /// <summary>Gets the id of the key (see <see cref="MemoryEncryptionKey.KeyId"/>).</summary>
    public string KeyId { get; }

    /// <summary>Gets a value the store keeps to recognise the key: HMAC-SHA256(key, "key-check") in hex.</summary>
    public string KeyCheck { get; }

    /// <summary>Gets the name of the value encryption, as recorded in the store.</summary>
    public static string Algorithm => "AES-256-GCM";

    /// <summary>
    /// Encrypts a value with a fresh random nonce; the memory id and field name are authenticated
    /// with it, so the value cannot be moved to another memory or field unnoticed.
    /// </summary>
    /// <returns>Version byte, nonce, tag, then the ciphertext.</returns>
    public byte[] Seal(string memoryId, string field, string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedValue = new byte[HeaderLength + plain.Length];
        sealedValue[0] = Version;
        var nonce = sealedValue.AsSpan(1, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagLength);
        aes.Encrypt(nonce, plain, sealedValue.AsSpan(HeaderLength), sealedValue.AsSpan(1 + NonceLength, TagLength), AssociatedData(memoryId, field));
        return sealedValue;
    }

    /// <summary>Decrypts a value sealed by <see cref="Seal"/> for the same memory and field.</summary>
    /// <exception cref="MemoryEncryptionException">The value is missing, malformed or fails authentication.</exception>
    public string Open(string memoryId, string field, byte[]? sealedValue)
    {
        if (sealedValue is null || sealedValue.Length < HeaderLength || sealedValue[0] != Version)
        {
            throw Tampered(memoryId, field, null);
        }

        var plain = new byte[sealedValue.Length - HeaderLength];
        try
        {
            using var aes = new AesGcm(_encryptionKey, TagLength);
            aes.Decrypt(
                sealedValue.AsSpan(1, NonceLength),
                sealedValue.AsSpan(HeaderLength),
                sealedValue.AsSpan(1 + NonceLength, TagLength),
                plain,
                AssociatedData(memoryId, field));
            return Encoding.UTF8.GetString(plain);
        }
        catch (CryptographicException e)
        {
            throw Tampered(memoryId, field, e);
        }
    }

    /// <summary>
    /// The search tokens of a text: each word (as <see cref="MemoryValues.Words"/> finds them, normalized) as
    /// 16 hex digits of HMAC-SHA256, sorted so the order of the words is not kept; repeats stay,
    /// so BM25 still sees term frequency and length.
    /// </summary>
    public string Tokens(string text)
    {
        var tokens = MemoryValues.Words(text).Select(Token).ToList();
        tokens.Sort(StringComparer.Ordinal);
        return string.Join(' ', tokens);
    }

    /// <summary>The search token of one word.</summary>
    public string Token(string word) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes(MemoryValues.NormalizeWord(word)))[..8]);

    /// <summary>A keyed hash (32 hex digits) of a value for one purpose; equal inputs give equal hashes, nothing else can be learned.</summary>
    public string Hash(string purpose, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(purpose + "\0" + value))[..16]);

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_encryptionKey);
        CryptographicOperations.ZeroMemory(_indexKey);
        CryptographicOperations.ZeroMemory(_hashKey);
    }

    private static byte[] Derive(ReadOnlySpan<byte> key, string purpose)
    {
        var derived = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, derived, salt: [], info: Encoding.UTF8.GetBytes(purpose));
        return derived;
    }

    private static byte[] AssociatedData(string memoryId, string field) =>
        Encoding.UTF8.GetBytes("memory-triggers/v1\0" + memoryId + "\0" + field);

    private static MemoryEncryptionException Tampered(string memoryId, string field, Exception? inner) => new(
        MemoryEncryptionError.Tampered,
        $"The encrypted {field} of memory '{memoryId}' failed authentication: it was changed on disk or copied from another memory. "
        + "The rest of the store is intact; restore this memory from a backup or delete it.",
        inner,
        memoryId: memoryId);
}
