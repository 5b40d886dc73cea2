using System.Buffers.Binary;

namespace MemoryTriggers.Policies;

/// <summary>
/// The interned paths one segment below a path (or at the top level), by UTF-8 name: with enough of them, a
/// <see cref="PathCache"/> reads all of them from a JSON object in one pass over its properties instead of one
/// linear <see cref="System.Text.Json.JsonElement.TryGetProperty(ReadOnlySpan{byte}, out System.Text.Json.JsonElement)"/>
/// search each. Names are found in an open-addressing table keyed by length and first bytes, cheaper than a
/// general hash of the whole name; the full name is compared on a key hit.
/// </summary>
internal sealed class FieldPathChildren
{
    /// <summary>The fewest children worth a pass over every property of the object.</summary>
    public const int Threshold = 4;

    private readonly FieldPath?[] _slots;
    private readonly int _shift;

    private FieldPathChildren(FieldPath[] all)
    {
        All = all;
        var size = 8;
        while (size < all.Length * 4)
        {
            size *= 2;
        }

        _slots = new FieldPath?[size];
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        foreach (var child in all)
        {
            var i = Slot(child.LastUtf8Name!);
            while (_slots[i] is not null)
            {
                i = (i + 1) & (_slots.Length - 1);
            }

            _slots[i] = child;
        }
    }

    /// <summary>Gets every child.</summary>
    public FieldPath[] All { get; }

    /// <summary>
    /// Returns the lookup, or null when there are fewer than <see cref="Threshold"/> children or a name has no
    /// UTF-8 form or contains a backslash (so that a name found byte for byte is never an escaped JSON name).
    /// </summary>
    public static FieldPathChildren? TryCreate(FieldPath[] children) =>
        children.Length >= Threshold && children.All(c => c.LastUtf8Name is { } name && Array.IndexOf(name, (byte)'\\') < 0)
            ? new FieldPathChildren(children)
            : null;

    /// <summary>Finds the child named by the raw (unescaped) UTF-8 name.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8Name, out FieldPath path)
    {
        var i = Slot(utf8Name);
        while (_slots[i] is { } candidate)
        {
            if (utf8Name.SequenceEqual(candidate.LastUtf8Name))
            {
                path = candidate;
                return true;
            }

            i = (i + 1) & (_slots.Length - 1);
        }

        path = null!;
        return false;
    }

    private int Slot(ReadOnlySpan<byte> name)
    {
        ulong key;
        if (name.Length >= 8)
        {
            key = BinaryPrimitives.ReadUInt64LittleEndian(name) ^ BinaryPrimitives.ReadUInt64LittleEndian(name[^8..]);
        }
        else
        {
            key = 0;
            for (var i = 0; i < name.Length; i++)
            {
                key = (key << 8) | name[i];
            }
        }

        return (int)(((key + (ulong)name.Length) * 0x9E3779B97F4A7C15UL) >> _shift);
    }
}
