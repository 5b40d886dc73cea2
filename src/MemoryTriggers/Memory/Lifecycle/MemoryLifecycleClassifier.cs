using MemoryTriggers.Configuration;

namespace MemoryTriggers.Memory.Lifecycle;

/// <summary>
/// Decides a memory's <see cref="MemoryLifecycleKind"/> from its tags, category and quality score.
/// Markers are compared ignoring case and surrounding white space, against each tag and the
/// category alike. The first rule that applies wins:
/// <list type="number">
/// <item>a marker <c>important</c> or <c>critical</c>: <see cref="MemoryLifecycleKind.Important"/> (an explicit request to keep beats everything);</item>
/// <item>a marker <c>error</c>: <see cref="MemoryLifecycleKind.Error"/>;</item>
/// <item>a marker <c>workflow</c>: <see cref="MemoryLifecycleKind.Workflow"/>;</item>
/// <item>a quality score at or above <see cref="ImportantQualityThreshold"/>: <see cref="MemoryLifecycleKind.Important"/>;</item>
/// <item>otherwise <see cref="MemoryLifecycleKind.Default"/>.</item>
/// </list>
/// </summary>
public static class MemoryLifecycleClassifier
{
    /// <summary>Gets the lowest quality score that makes an otherwise unmarked memory important: 0.8.</summary>
    public static double ImportantQualityThreshold => 0.8;

    /// <summary>Gets the markers that make a memory important.</summary>
    public static ValueList<string> ImportantMarkers { get; } = ["important", "critical"];

    /// <summary>Gets the markers that make a memory an error memory.</summary>
    public static ValueList<string> ErrorMarkers { get; } = ["error"];

    /// <summary>Gets the markers that make a memory a workflow memory.</summary>
    public static ValueList<string> WorkflowMarkers { get; } = ["workflow"];

    /// <summary>Decides a memory's kind.</summary>
    /// <param name="record">The memory.</param>
    /// <returns>The kind.</returns>
    public static MemoryLifecycleKind Classify(MemoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (HasMarker(record, ImportantMarkers))
        {
            return MemoryLifecycleKind.Important;
        }

        if (HasMarker(record, ErrorMarkers))
        {
            return MemoryLifecycleKind.Error;
        }

        if (HasMarker(record, WorkflowMarkers))
        {
            return MemoryLifecycleKind.Workflow;
        }

        return record.QualityScore >= ImportantQualityThreshold ? MemoryLifecycleKind.Important : MemoryLifecycleKind.Default;
    }

    private static bool HasMarker(MemoryRecord record, ValueList<string> markers)
    {
        foreach (var marker in markers)
        {
            if (Matches(record.Category, marker))
            {
                return true;
            }

            foreach (var tag in record.Tags)
            {
                if (Matches(tag, marker))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Matches(string? value, string marker) =>
        value is not null && value.AsSpan().Trim().Equals(marker, StringComparison.OrdinalIgnoreCase);
}
