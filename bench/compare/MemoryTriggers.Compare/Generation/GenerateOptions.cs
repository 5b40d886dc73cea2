namespace MemoryTriggers.Compare.Generation;

/// <summary>What <c>generate</c> writes.</summary>
/// <param name="OutputDirectory">The data directory.</param>
/// <param name="Seed">The seed every file derives from.</param>
/// <param name="Sizes">The rule set sizes (each set is a prefix of the largest).</param>
/// <param name="EventCount">The number of events of each stream.</param>
internal sealed record GenerateOptions(string OutputDirectory, long Seed, IReadOnlyList<int> Sizes, int EventCount)
{
    /// <summary>The most rules a set may have (ids are <c>r</c> and 4 digits).</summary>
    public const int MaxSize = 10_000;

    /// <summary>The number of sample events the rule generator tunes match rates against.</summary>
    public const int SampleEvents = 2_500;
}
