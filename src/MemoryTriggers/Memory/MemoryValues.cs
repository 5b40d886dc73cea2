using System.Collections;
using System.Globalization;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Memory;

/// <summary>Rules shared by the stores: tag cleaning, query words, metadata equality, validation.</summary>
internal static class MemoryValues
{
    public static ValueList<string> CleanTags(IEnumerable<string> tags)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        foreach (var tag in tags)
        {
            var trimmed = tag?.Trim();
            if (!string.IsNullOrEmpty(trimmed) && seen.Add(trimmed))
            {
                result.Add(trimmed);
            }
        }

        return ValueList<string>.From(result);
    }

    /// <summary>Splits query text into distinct lower-case words (runs of letters and digits).</summary>
    public static IReadOnlyList<string> Terms(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : Words(text).Select(word => word.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The words of a text, in order with repeats: runs of letters and digits.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }

    /// <summary>
    /// Lower case, without diacritics (combining marks of any script are dropped), composed: the form
    /// the SQLite store indexes and searches a word in. Marks are dropped before lower-casing, so
    /// <c>İ</c> becomes <c>i</c>; a final sigma becomes <c>σ</c>, as lower-casing <c>Σ</c> gives.
    /// </summary>
    public static string NormalizeWord(string word)
    {
        if (System.Text.Ascii.IsValid(word))
        {
            return word.ToLowerInvariant();
        }

        var decomposed = word.Normalize(System.Text.NormalizationForm.FormD);
        var builder = new System.Text.StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c == 'ς' ? 'σ' : c);
            }
        }

        return builder.ToString().Normalize(System.Text.NormalizationForm.FormC).ToLowerInvariant();
    }

    public static int CountMatches(MemoryRecord record, IReadOnlyList<string> terms)
    {
        var count = 0;
        foreach (var term in terms)
        {
            if (record.Content.Contains(term, StringComparison.OrdinalIgnoreCase)
                || record.Tags.Any(tag => tag.Contains(term, StringComparison.OrdinalIgnoreCase)))
            {
                count++;
            }
        }

        return count;
    }

    public static bool HasTag(MemoryRecord record, string tag) =>
        record.Tags.Any(t => string.Equals(t, tag.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Compares metadata values: numbers by value whatever their CLR type, lists item by item, the rest by Equals.</summary>
    public static bool MetadataEquals(object? a, object? b)
    {
        if (TryGetNumber(a, out var x) && TryGetNumber(b, out var y))
        {
            return x.Equals(y);
        }

        if (a is string || b is string || a is null || b is null)
        {
            return Equals(a, b);
        }

        if (a is IReadOnlyDictionary<string, object?> mapA && b is IReadOnlyDictionary<string, object?> mapB)
        {
            return mapA.Count == mapB.Count
                && mapA.All(entry => mapB.TryGetValue(entry.Key, out var other) && MetadataEquals(entry.Value, other));
        }

        if (a is IEnumerable listA && b is IEnumerable listB)
        {
            var itemsA = listA.Cast<object?>().ToList();
            var itemsB = listB.Cast<object?>().ToList();
            return itemsA.Count == itemsB.Count && itemsA.Zip(itemsB).All(pair => MetadataEquals(pair.First, pair.Second));
        }

        return Equals(a, b);
    }

    /// <summary>Checks a draft every store would refuse: no content, a quality outside 0..1, an expiry that is not in the future.</summary>
    public static void CheckDraft(MemoryDraft draft, string paramName)
    {
        ArgumentNullException.ThrowIfNull(draft, paramName);
        CheckContent(draft.Content, paramName);
        if (draft.QualityScore is { } quality)
        {
            CheckQuality(quality, paramName);
        }

        if (draft.ExpiresAfter is { } expiresAfter)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(expiresAfter, TimeSpan.Zero, paramName);
        }
    }

    /// <summary>Checks an update every store would refuse: empty content or a quality outside 0..1.</summary>
    public static void CheckUpdate(MemoryUpdate update, string paramName)
    {
        ArgumentNullException.ThrowIfNull(update, paramName);
        if (update.Content is not null)
        {
            CheckContent(update.Content, paramName);
        }

        if (update.QualityScore is { } quality)
        {
            CheckQuality(quality, paramName);
        }
    }

    /// <summary>Builds the record a store keeps for a new draft, the same way in every store.</summary>
    public static MemoryRecord NewRecord(string id, MemoryDraft draft, string contentHash, DateTimeOffset now) => new()
    {
        Id = id,
        Content = draft.Content,
        Tags = CleanTags(draft.Tags),
        Category = string.IsNullOrEmpty(draft.Category) ? null : draft.Category,
        Metadata = draft.Metadata,
        QualityScore = draft.QualityScore,
        UserId = draft.UserId,
        AgentId = draft.AgentId,
        RunId = draft.RunId,
        SourceRule = draft.SourceRule,
        ContentHash = contentHash,
        CreatedAt = now,
        UpdatedAt = now,
        ExpiresAt = now + draft.ExpiresAfter,
    };

    /// <summary>Applies an update to a record, the same way in every store; <paramref name="changed"/> names what changed, for history.</summary>
    public static MemoryRecord Apply(MemoryRecord record, MemoryUpdate update, DateTimeOffset now, out string? changed)
    {
        var fields = new List<string>();
        if (update.Content is not null)
        {
            record = record with { Content = update.Content, ContentHash = MemoryContentHash.Compute(update.Content) };
            fields.Add("content");
        }

        if (update.Tags is not null)
        {
            record = record with { Tags = CleanTags(update.Tags) };
            fields.Add("tags");
        }

        if (update.Category is not null)
        {
            record = record with { Category = update.Category.Length == 0 ? null : update.Category };
            fields.Add("category");
        }

        if (update.Metadata is not null)
        {
            record = record with { Metadata = record.Metadata.SetRange(update.Metadata) };
            fields.Add("metadata");
        }

        if (update.QualityScore is not null)
        {
            record = record with { QualityScore = update.QualityScore };
            fields.Add("quality_score");
        }

        changed = fields.Count == 0 ? null : string.Join(", ", fields);
        return record with { UpdatedAt = now };
    }

    public static void CheckQuality(double score, string paramName)
    {
        if (!(score is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(paramName, score, "A quality score must be between 0 and 1.");
        }
    }

    public static void CheckContent(string content, string paramName)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            throw new ArgumentException("A memory's content must not be empty.", paramName);
        }
    }

    private static bool TryGetNumber(object? value, out double number)
    {
        switch (value)
        {
            case double or float or decimal or int or long or short or byte or sbyte or ushort or uint or ulong:
                number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return true;
            default:
                number = 0;
                return false;
        }
    }
}
