namespace MemoryTriggers.Compare.Generation;

/// <summary>An event field that rules may test.</summary>
/// <param name="Path">The dotted path.</param>
/// <param name="Kind">The kind of value.</param>
/// <param name="Optional">Whether events of the varied stream may lack it (its top-level field is optional).</param>
/// <param name="Pool">The values of a categorical field (empty otherwise).</param>
internal sealed record FieldSpec(string Path, FieldKind Kind, bool Optional, IReadOnlyList<string> Pool)
{
    /// <summary>Gets the number of path segments.</summary>
    public int Depth => Path.Count(c => c == '.') + 1;
}
