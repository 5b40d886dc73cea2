using System.Text;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;

namespace MemoryTriggers.Benchmarks.Workload;

/// <summary>
/// Memories and recall queries for the memory-store benchmarks, built deterministically from <see cref="Seed"/>.
/// Content is 6–30 words drawn from a 400-word vocabulary with Zipf frequencies (exponent 1, as in natural
/// language: the most common word is in about 95 % of memories, the 10th in about 24 %, the 100th in about 3 %);
/// each memory has 0–3 of 30 tags, one of 8 categories (90 %), one of 100 users, one of 5 agents, a quality score
/// (85 %), a source rule and two metadata entries. Queries have 1–3 words drawn uniformly from the vocabulary (what
/// a caller asks about, not how often a word is written), half of them with a filter, and limit 10.
/// </summary>
internal sealed class MemoryWorkload
{
    /// <summary>The seed of the memory stream; queries use <c>Seed + 1</c>.</summary>
    public const int Seed = 20_240_611;

    /// <summary>The number of distinct content words.</summary>
    public const int VocabularySize = 400;

    public const int UserCount = 100;

    private static readonly string[] Syllables = BuildSyllables();

    private static readonly string[] TagNames =
    [
        "billing", "deploy", "database", "frontend", "backend", "security", "onboarding", "latency", "outage", "refund",
        "invoice", "login", "cache", "search", "mobile", "email", "export", "import", "schedule", "report",
        "pricing", "support", "release", "migration", "backup", "network", "storage", "quota", "webhook", "audit",
    ];

    private static readonly string[] Categories = ["error", "workflow", "preference", "fact", "decision", "conversation", "important", "note"];

    private static readonly string[] Sources = ["chat", "api", "cli", "webhook", "scheduler"];

    private readonly Random _rng;
    private readonly double[] _cumulative;
    private long _serial;

    /// <summary>Initializes a new instance of the <see cref="MemoryWorkload"/> class; equal seeds give equal streams.</summary>
    public MemoryWorkload(int seed = Seed)
    {
        _rng = new Random(seed);
        Vocabulary = BuildVocabulary(new Random(Seed - 1));
        _cumulative = new double[VocabularySize];
        var sum = 0.0;
        for (var rank = 0; rank < VocabularySize; rank++)
        {
            sum += 1.0 / (rank + 1);
            _cumulative[rank] = sum;
        }

        for (var rank = 0; rank < VocabularySize; rank++)
        {
            _cumulative[rank] /= sum;
        }
    }

    /// <summary>Gets the content words, most frequent first.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Gets the tags, most frequent first.</summary>
    public static IReadOnlyList<string> Tags => TagNames;

    public static string UserId(int index) => $"user-{index:D3}";

    /// <summary>
    /// The next draft. Every draft of one stream has different content: its last word is a serial number,
    /// so deduplication never short-cuts a create.
    /// </summary>
    public MemoryDraft NextDraft()
    {
        var words = _rng.Next(6, 31);
        var content = new StringBuilder(words * 8);
        for (var i = 0; i < words; i++)
        {
            content.Append(Vocabulary[ZipfRank()]).Append(' ');
        }

        content.Append('n').Append(_serial++);
        var tagCount = _rng.Next(4);
        var tags = new List<string>(tagCount);
        while (tags.Count < tagCount)
        {
            var tag = TagNames[Math.Min(TagNames.Length - 1, (int)(TagNames.Length * _rng.NextDouble() * _rng.NextDouble()))];
            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        return new MemoryDraft
        {
            Content = content.ToString(),
            Tags = ValueList<string>.From(tags),
            Category = _rng.NextDouble() < 0.9 ? Categories[_rng.Next(Categories.Length)] : null,
            Metadata = new Dictionary<string, object?> { ["source"] = Sources[_rng.Next(Sources.Length)], ["priority"] = (long)_rng.Next(1, 6) },
            QualityScore = _rng.NextDouble() < 0.85 ? Math.Round(_rng.NextDouble(), 3) : null,
            UserId = UserId(_rng.Next(UserCount)),
            AgentId = $"agent-{_rng.Next(5)}",
            SourceRule = $"rule_{_rng.Next(20):D2}",
        };
    }

    public MemoryDraft[] Drafts(int count)
    {
        var drafts = new MemoryDraft[count];
        for (var i = 0; i < count; i++)
        {
            drafts[i] = NextDraft();
        }

        return drafts;
    }

    /// <summary>
    /// Recall queries: 1 word (40 %), 2 words (35 %) or 3 words (25 %), uniform over the vocabulary; no filter
    /// (50 %), a tag (15 %), a user (15 %), minimum quality 0.5 (10 %), a category (5 %), a tag and a user (5 %).
    /// </summary>
    public static GeneratedQuery[] Queries(int count)
    {
        var workload = new MemoryWorkload(Seed + 1);
        var rng = workload._rng;
        var queries = new GeneratedQuery[count];
        for (var i = 0; i < count; i++)
        {
            var roll = rng.NextDouble();
            var words = roll < 0.40 ? 1 : roll < 0.75 ? 2 : 3;
            var text = string.Join(' ', Enumerable.Range(0, words).Select(_ => workload.Vocabulary[rng.Next(VocabularySize)]));
            var query = new MemoryQuery { Text = text, Limit = 10 };
            var filter = rng.NextDouble();
            string kind;
            if (filter < 0.50)
            {
                kind = "none";
            }
            else if (filter < 0.65)
            {
                kind = "tag";
                query = query with { Tags = [TagNames[rng.Next(TagNames.Length)]] };
            }
            else if (filter < 0.80)
            {
                kind = "user";
                query = query with { UserId = UserId(rng.Next(UserCount)) };
            }
            else if (filter < 0.90)
            {
                kind = "min_quality";
                query = query with { MinQuality = 0.5 };
            }
            else if (filter < 0.95)
            {
                kind = "category";
                query = query with { Category = Categories[rng.Next(Categories.Length)] };
            }
            else
            {
                kind = "tag+user";
                query = query with { Tags = [TagNames[rng.Next(TagNames.Length)]], UserId = UserId(rng.Next(UserCount)) };
            }

            queries[i] = new GeneratedQuery(query, words, kind);
        }

        return queries;
    }

    private int ZipfRank()
    {
        var index = Array.BinarySearch(_cumulative, _rng.NextDouble());
        return Math.Min(index < 0 ? ~index : index, VocabularySize - 1);
    }

    private static string[] BuildSyllables()
    {
        const string consonants = "bdfgklmnprstvz";
        const string vowels = "aeiou";
        return [.. consonants.SelectMany(c => vowels.Select(v => $"{c}{v}"))];
    }

    private static string[] BuildVocabulary(Random rng)
    {
        var words = new List<string>(VocabularySize);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < VocabularySize)
        {
            var syllables = rng.Next(2, 4);
            var word = string.Concat(Enumerable.Range(0, syllables).Select(_ => Syllables[rng.Next(Syllables.Length)]));
            if (seen.Add(word))
            {
                words.Add(word);
            }
        }

        return [.. words];
    }
}
