namespace MemoryTriggers.Policies;

/// <summary>
/// The interned paths one segment below a path (or at the top level), by UTF-8 name, so that a
/// <see cref="PathCache"/> can read all of them from a JSON object in one pass over its properties instead of one
/// linear <see cref="System.Text.Json.JsonElement.TryGetProperty(ReadOnlySpan{byte}, out System.Text.Json.JsonElement)"/>
/// search each. That search compares names from the last property backwards (about 6 ns per property passed, so a
/// name near the front of a large object costs the most); a pass costs about 4 ns per property plus a table lookup,
/// and keeps the values found as JSON until they are read. So one pass pays once an evaluation reads two members
/// of an object of eight or more properties; which way is used adapts to how many members recent evaluations read
/// (<see cref="Observe"/>). Either way gives the same values.
/// </summary>
internal sealed class FieldPathChildren
{
    /// <summary>The fewest children worth a lookup table.</summary>
    public const int Threshold = 4;

    /// <summary>One evaluation of an object in this many (a power of 2) reads it member by member and measures how many members it reads.</summary>
    public const int SampleEvery = 16;

    private readonly Utf8KeyTable<FieldPath> _byName;

    // Moving averages (in 16ths) of the members read and the properties present, over measuring evaluations.
    // Updated without locks from any thread: a lost update only delays the choice.
    private int _readsAverage;
    private int _propertiesAverage;
    private int _visits;

    private FieldPathChildren(FieldPath[] all)
    {
        All = all;
        Node = all[0].Parent is { } parent ? parent.Id + 1 : 0;
        _byName = new Utf8KeyTable<FieldPath>(all.Select(c => new KeyValuePair<byte[], FieldPath>(c.LastUtf8Name!, c)));
    }

    /// <summary>Gets every child.</summary>
    public FieldPath[] All { get; }

    /// <summary>Gets or sets a value indicating whether recent evaluations read enough members for one pass to pay.</summary>
    public bool OnePass { get; set; }

    /// <summary>Gets the object's slot in a <see cref="PathCache"/>: 0 for the top level, else the parent path's id + 1.</summary>
    public int Node { get; }

    /// <summary>Tells how to read the object in this evaluation: every <see cref="SampleEvery"/>th measures, the others read it in one pass when that pays.</summary>
    public NodeMode Visit() =>
        (++_visits & (SampleEvery - 1)) == 0 ? NodeMode.Measuring : OnePass ? NodeMode.OnePassPending : NodeMode.MemberByMember;

    /// <summary>Records a measuring evaluation: <paramref name="reads"/> members read, <paramref name="properties"/> present.</summary>
    public void Observe(int reads, int properties)
    {
        var readsAverage = _readsAverage += ((reads << 4) - _readsAverage) >> 3;
        var propertiesAverage = _propertiesAverage += ((properties << 4) - _propertiesAverage) >> 3;

        // A steady input leaves an average up to 7/16 below it (the shift truncates), so the thresholds sit half-way:
        // two members read, eight properties.
        OnePass = readsAverage >= 24 && propertiesAverage >= 120;
    }

    /// <summary>
    /// Returns the lookup, or null when there are fewer than <see cref="Threshold"/> children or a name has no
    /// UTF-8 form or contains a backslash (so that a name found byte for byte is never an escaped JSON name).
    /// </summary>
    public static FieldPathChildren? TryCreate(FieldPath[] children) =>
        children.Length >= Threshold && children.All(c => c.LastUtf8Name is { } name && Array.IndexOf(name, (byte)'\\') < 0)
            ? new FieldPathChildren(children)
            : null;

    /// <summary>Finds the child named by the raw (unescaped) UTF-8 name.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8Name, out FieldPath path) => _byName.TryGetValue(utf8Name, out path);
}
