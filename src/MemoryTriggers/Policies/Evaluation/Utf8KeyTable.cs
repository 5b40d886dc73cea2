using System.Buffers.Binary;

namespace MemoryTriggers.Policies;

/// <summary>
/// A small read-only map from UTF-8 strings to values, for looking up JSON names and strings in place. Open
/// addressing keyed by the length and the first and last eight bytes: cheaper than a general hash of the whole
/// text for the short strings of rules and events; the full bytes are compared on a key hit.
/// </summary>
/// <typeparam name="TValue">The value type.</typeparam>
internal sealed class Utf8KeyTable<TValue>
{
    private readonly byte[]?[] _keys;
    private readonly TValue[] _values;
    private readonly int _shift;

    /// <summary>Initializes a new instance of the <see cref="Utf8KeyTable{TValue}"/> class; a later duplicate key replaces an earlier one.</summary>
    public Utf8KeyTable(IEnumerable<KeyValuePair<byte[], TValue>> entries)
    {
        var all = entries.ToArray();
        var size = 8;
        while (size < all.Length * 4)
        {
            size *= 2;
        }

        _keys = new byte[]?[size];
        _values = new TValue[size];
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        foreach (var (key, value) in all)
        {
            var i = Slot(key);
            while (_keys[i] is { } existing && !existing.AsSpan().SequenceEqual(key))
            {
                i = (i + 1) & (_keys.Length - 1);
            }

            _keys[i] = key;
            _values[i] = value;
        }
    }

    public bool TryGetValue(ReadOnlySpan<byte> key, out TValue value)
    {
        var i = Slot(key);
        while (_keys[i] is { } candidate)
        {
            if (key.SequenceEqual(candidate))
            {
                value = _values[i];
                return true;
            }

            i = (i + 1) & (_keys.Length - 1);
        }

        value = default!;
        return false;
    }

    public bool ContainsKey(ReadOnlySpan<byte> key) => TryGetValue(key, out _);

    private int Slot(ReadOnlySpan<byte> key)
    {
        ulong bits;
        if (key.Length >= 8)
        {
            bits = BinaryPrimitives.ReadUInt64LittleEndian(key) ^ System.Numerics.BitOperations.RotateLeft(BinaryPrimitives.ReadUInt64LittleEndian(key[^8..]), 29);
        }
        else
        {
            bits = 0;
            for (var i = 0; i < key.Length; i++)
            {
                bits = (bits << 8) | key[i];
            }
        }

        return (int)(((bits + (ulong)key.Length) * 0x9E3779B97F4A7C15UL) >> _shift);
    }
}
