namespace MemoryTriggers.Policies;

/// <summary>Interns the field paths of one compiled set: one <see cref="FieldPath"/> per distinct text, numbered for the <see cref="PathCache"/>, with its prefixes interned too.</summary>
internal sealed class FieldPathTable
{
    private readonly Dictionary<string, FieldPath> _paths = new(StringComparer.Ordinal);

    /// <summary>Gets the number of interned paths (the ids are 0 to Count - 1).</summary>
    public int Count => _paths.Count;

    /// <summary>Gets the lookup of the top-level paths, once <see cref="Freeze"/> has run; null when there are too few.</summary>
    public FieldPathChildren? Roots { get; private set; }

    /// <summary>Gets every child lookup (the top level's and the paths'), once <see cref="Freeze"/> has run.</summary>
    public IReadOnlyList<FieldPathChildren> Lookups { get; private set; } = [];

    public FieldPath Get(string text)
    {
        if (_paths.TryGetValue(text, out var path))
        {
            return path;
        }

        var dot = text.LastIndexOf('.');
        var parent = dot < 0 ? null : Get(text[..dot]);
        path = FieldPath.Interned(text, _paths.Count, parent);
        _paths.Add(text, path);
        return path;
    }

    /// <summary>Builds the child lookups of the interned paths (call once, when every path is in).</summary>
    public FieldPathTable Freeze()
    {
        var lookups = new List<FieldPathChildren>();
        foreach (var group in _paths.Values.GroupBy(p => p.Parent))
        {
            var children = FieldPathChildren.TryCreate([.. group]);
            if (children is not null)
            {
                lookups.Add(children);
            }

            if (group.Key is { } parent)
            {
                parent.Children = children;
            }
            else
            {
                Roots = children;
            }
        }

        Lookups = lookups;
        return this;
    }
}
