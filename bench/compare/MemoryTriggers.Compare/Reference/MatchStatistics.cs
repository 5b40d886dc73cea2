namespace MemoryTriggers.Compare.Reference;

/// <summary>How often the rules of one set matched the events of one stream, for the summary <c>generate</c> prints.</summary>
internal sealed class MatchStatistics
{
    private readonly int[] _ruleHits;

    /// <summary>Creates empty statistics for a set of <paramref name="ruleCount"/> rules.</summary>
    public MatchStatistics(int ruleCount)
    {
        _ruleHits = new int[ruleCount];
    }

    /// <summary>Gets the number of events seen.</summary>
    public int Events { get; private set; }

    /// <summary>Gets the number of events that matched at least one rule.</summary>
    public int EventsMatched { get; private set; }

    /// <summary>Gets the total number of matches.</summary>
    public long Matches { get; private set; }

    /// <summary>Gets the largest number of rules one event matched.</summary>
    public int MaxMatches { get; private set; }

    /// <summary>Gets the mean, over events, of the share of the event's same-type rules that matched.</summary>
    public double MeanTypeShare => Events == 0 ? 0 : _shareSum / Events;

    /// <summary>Gets the number of rules that matched no event.</summary>
    public int RulesNeverMatched => _ruleHits.Count(h => h == 0);

    private double _shareSum;

    /// <summary>Records one event: the indexes of the rules it matched and how many rules share its type.</summary>
    public void Add(IReadOnlyList<int> matchedRules, int sameTypeRules)
    {
        ArgumentNullException.ThrowIfNull(matchedRules);
        Events++;
        Matches += matchedRules.Count;
        MaxMatches = Math.Max(MaxMatches, matchedRules.Count);
        if (matchedRules.Count > 0)
        {
            EventsMatched++;
        }

        if (sameTypeRules > 0)
        {
            _shareSum += matchedRules.Count / (double)sameTypeRules;
        }

        foreach (var rule in matchedRules)
        {
            _ruleHits[rule]++;
        }
    }
}
