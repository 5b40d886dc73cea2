namespace MemoryTriggers.Policies;

/// <summary>
/// The values of the interned paths of one compiled set, resolved at most once per evaluation of one context:
/// the conditions of all the rules an event is tested against share each lookup, and a nested path reuses its
/// parent's value. A cache belongs to one evaluation at a time (rented, then returned); each thread keeps one
/// free instance, so a steady stream of evaluations allocates nothing. Values are valid only while the cache is
/// rented for the same context; a stamp per slot tells the current evaluation's values from older ones.
/// </summary>
internal sealed class PathCache
{
    [ThreadStatic]
    private static PathCache? t_free;

    private ContextValue[] _values = [];
    private int[] _stamps = [];
    private int[] _touched = [];
    private int _touchedCount;
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

    /// <summary>Ends the evaluation: drops the references to the context's values and keeps the cache for this thread's next evaluation.</summary>
    public void Return()
    {
        for (var i = 0; i < _touchedCount; i++)
        {
            _values[_touched[i]] = default;
        }

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
        if ((uint)id >= (uint)_size)
        {
            return path.Resolve(_context);
        }

        if (_stamps[id] == _stamp)
        {
            return _values[id];
        }

        ContextValue value;
        if (path.Parent is { } parent)
        {
            var parentValue = Resolve(parent);
            if (parent.Children is { } children && parentValue.TryGetJsonObject(out var json))
            {
                Fill(children, json);
                return _values[id];
            }

            value = path.ResolveLast(parentValue);
        }
        else if (_roots is not null)
        {
            Fill(_roots, _context.Json);
            return _values[id];
        }
        else
        {
            value = path.ResolveFirst(_context);
        }

        Store(id, value);
        return value;
    }

    /// <summary>
    /// Reads every child path of a JSON object in one pass over its properties. A later duplicate property wins,
    /// as with TryGetProperty; an escaped name is compared unescaped.
    /// </summary>
    private void Fill(FieldPathChildren children, System.Text.Json.JsonElement json)
    {
        foreach (var child in children.All)
        {
            Store(child.Id, ContextValue.Missing);
        }

        foreach (var property in json.EnumerateObject())
        {
            // An interned name has no backslash, so a name found byte for byte is not escaped; only a name not
            // found may be an escaped form of one.
            var name = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property);
            if (children.TryGet(name, out var child))
            {
                Store(child.Id, ContextValue.From(property.Value));
            }
            else if (name.IndexOf((byte)'\\') >= 0)
            {
                foreach (var candidate in children.All)
                {
                    if (property.NameEquals(candidate.LastUtf8Name))
                    {
                        Store(candidate.Id, ContextValue.From(property.Value));
                    }
                }
            }
        }
    }

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
            _stamp = 0;
        }

        if (_stamp == int.MaxValue)
        {
            Array.Clear(_stamps);
            _stamp = 0;
        }

        _stamp++;
        _size = size;
        _context = context;

        // The top-level paths are read in one pass only from a plain JSON context (an overlay wins over it per name).
        _roots = context.Overlay is null && context.IsJson && context.Json.ValueKind == System.Text.Json.JsonValueKind.Object ? paths.Roots : null;
    }
}
