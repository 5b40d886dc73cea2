using System.Text.Json;

namespace MemoryTriggers.Policies;

/// <summary>
/// The values of the interned paths of one compiled set, resolved at most once per evaluation of one context:
/// the conditions of all the rules an event is tested against share each lookup, and a nested path reuses its
/// parent's value. A JSON object of which recent evaluations read enough members (<see cref="FieldPathChildren.OnePass"/>)
/// is read in one pass over its properties, its members kept as JSON until first read; otherwise each member is
/// looked up when first read.
/// <para>
/// A cache belongs to one evaluation at a time (rented, then returned); each thread keeps one free instance, so a
/// steady stream of evaluations allocates nothing. Values are valid only while the cache is rented for the same
/// context: a stamp per slot tells the current evaluation's values from older ones, and returning the cache drops
/// its references to the context.
/// </para>
/// </summary>
internal sealed class PathCache
{
    [ThreadStatic]
    private static PathCache? t_free;

    private ContextValue[] _values = [];
    private int[] _stamps = [];
    private int[] _touched = [];
    private int _touchedCount;

    // Members found by a one-pass read, kept as JSON until first resolved (most are never read in an evaluation).
    private JsonElement[] _found = [];
    private int[] _foundStamps = [];
    private int[] _foundIds = [];
    private int _foundCount;

    // Per object with a child lookup (FieldPathChildren.Node), in this evaluation: how it is read, and for a measuring
    // evaluation, how many of its members were read and how many it has (for FieldPathChildren.Observe).
    private int[] _nodeStamps = [];
    private NodeMode[] _nodeModes = [];
    private int[] _nodeReads = [];
    private int[] _nodeProperties = [];
    private FieldPathChildren?[] _nodes = [];
    private int[] _nodesTouched = [];
    private int _nodesTouchedCount;

    private int _stamp;
    private int _size;
    private PolicyContext _context;
    private FieldPathChildren? _roots;

    /// <summary>Takes this thread's free cache (or a new one) for one evaluation of <paramref name="context"/> against the paths of <paramref name="paths"/>.</summary>
    public static PathCache Rent(in PolicyContext context, FieldPathTable paths)
    {
        var cache = t_free ?? new PathCache();
        t_free = null;
        cache.Begin(context, paths);
        return cache;
    }

    /// <summary>Ends the evaluation: tells the lookups of measured objects how much of them was read, drops the references to the context's values and keeps the cache for this thread's next evaluation.</summary>
    public void Return()
    {
        for (var i = 0; i < _nodesTouchedCount; i++)
        {
            var node = _nodesTouched[i];
            _nodes[node]!.Observe(_nodeReads[node], _nodeProperties[node]);
            _nodes[node] = null;
        }

        for (var i = 0; i < _touchedCount; i++)
        {
            _values[_touched[i]] = default;
        }

        for (var i = 0; i < _foundCount; i++)
        {
            _found[_foundIds[i]] = default;
        }

        _foundCount = 0;

        _nodesTouchedCount = 0;
        _touchedCount = 0;
        _context = default;
        _roots = null;
        _size = 0;
        t_free = this;
    }

    /// <summary>Resolves <paramref name="path"/> against the rented context, from the cache when it was resolved before in this evaluation.</summary>
    public ContextValue Resolve(FieldPath path)
    {
        var id = path.Id;
        return (uint)id < (uint)_size && _stamps[id] == _stamp ? _values[id] : ResolveAndStore(path);
    }

    private ContextValue ResolveAndStore(FieldPath path)
    {
        var id = path.Id;
        if ((uint)id >= (uint)_size)
        {
            return path.Resolve(_context);
        }

        var value = ResolveUncached(path);
        Store(id, value);
        return value;
    }

    private ContextValue ResolveUncached(FieldPath path)
    {
        var parent = path.Parent;
        ContextValue parentValue = default;
        FieldPathChildren? children;
        JsonElement json;
        if (parent is null)
        {
            if (_roots is null)
            {
                return path.ResolveFirst(_context);
            }

            children = _roots;
            json = _context.Json;
        }
        else
        {
            parentValue = Resolve(parent);
            children = parent.Children;
            if (children is null || !parentValue.TryGetJsonObject(out json))
            {
                return path.ResolveLast(parentValue);
            }
        }

        var node = children.Node;
        if (_nodeStamps[node] != _stamp)
        {
            _nodeStamps[node] = _stamp;
            var mode = children.Visit();
            _nodeModes[node] = mode;
            if (mode == NodeMode.Measuring)
            {
                _nodeReads[node] = 0;
                _nodeProperties[node] = json.GetPropertyCount();
                _nodes[node] = children;
                _nodesTouched[_nodesTouchedCount++] = node;
            }
        }

        switch (_nodeModes[node])
        {
            case NodeMode.OnePassPending:
                Fill(children, json);
                _nodeModes[node] = NodeMode.ReadInOnePass;
                return Found(path.Id);
            case NodeMode.ReadInOnePass:
                return Found(path.Id);
            case NodeMode.Measuring:
                _nodeReads[node]++;
                break;
        }

        return parent is null ? path.ResolveFirst(_context) : path.ResolveLast(parentValue);
    }

    /// <summary>
    /// Reads every child path of a JSON object in one pass over its properties. A later duplicate property wins,
    /// as with TryGetProperty; an escaped name is compared unescaped.
    /// </summary>
    private void Fill(FieldPathChildren children, JsonElement json)
    {
        foreach (var property in json.EnumerateObject())
        {
            // An interned name has no backslash, so a name found byte for byte is not escaped; only a name not
            // found may be an escaped form of one.
            var name = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property);
            if (children.TryGet(name, out var child))
            {
                Keep(child.Id, property.Value);
            }
            else if (name.IndexOf((byte)'\\') >= 0)
            {
                foreach (var candidate in children.All)
                {
                    if (property.NameEquals(candidate.LastUtf8Name))
                    {
                        Keep(candidate.Id, property.Value);
                    }
                }
            }
        }
    }

    private void Keep(int id, JsonElement value)
    {
        if (_foundStamps[id] != _stamp)
        {
            _foundStamps[id] = _stamp;
            _foundIds[_foundCount++] = id;
        }

        _found[id] = value;
    }

    private ContextValue Found(int id) => _foundStamps[id] == _stamp ? ContextValue.From(_found[id]) : ContextValue.Missing;

    private void Store(int id, in ContextValue value)
    {
        if (_stamps[id] != _stamp)
        {
            _stamps[id] = _stamp;
            _touched[_touchedCount++] = id;
        }

        _values[id] = value;
    }

    private void Begin(in PolicyContext context, FieldPathTable paths)
    {
        var size = paths.Count;
        if (_values.Length < size)
        {
            var capacity = Math.Max(size, _values.Length * 2);
            _values = new ContextValue[capacity];
            _stamps = new int[capacity];
            _touched = new int[capacity];
            _found = new JsonElement[capacity];
            _foundStamps = new int[capacity];
            _foundIds = new int[capacity];
            _nodeStamps = new int[capacity + 1];
            _nodeModes = new NodeMode[capacity + 1];
            _nodeReads = new int[capacity + 1];
            _nodeProperties = new int[capacity + 1];
            _nodes = new FieldPathChildren?[capacity + 1];
            _nodesTouched = new int[capacity + 1];
            _stamp = 0;
        }

        if (_stamp == int.MaxValue)
        {
            Array.Clear(_stamps);
            Array.Clear(_foundStamps);
            Array.Clear(_nodeStamps);
            _stamp = 0;
        }

        _stamp++;
        _size = size;
        _context = context;

        // The top level has a child lookup only in a plain JSON context (an overlay wins over it per name).
        _roots = context.Overlay is null && context.IsJson && context.Json.ValueKind == JsonValueKind.Object ? paths.Roots : null;
    }

}
