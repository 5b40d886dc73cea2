namespace MemoryTriggers.Memory.Sqlite;

/// <summary>Turns query words into FTS5 query strings that can never be a syntax error.</summary>
internal static class SqliteFtsQuery
{
    /// <summary>Gets the most query words used; more would exceed SQLite's expression depth.</summary>
    public const int MaxTerms = 64;

    /// <summary>
    /// One FTS5 prefix phrase for a word: a double-quoted string (so operators and punctuation in it
    /// are plain text) with any quote doubled, followed by <c>*</c>.
    /// </summary>
    public static string Phrase(string term) => Exact(term) + "*";

    /// <summary>One FTS5 phrase matching the whole word only (the encrypted store's keyed tokens).</summary>
    public static string Exact(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// Gets the most query words recalled tier by tier; "at least t of n" is written as an OR of
    /// every t-word AND, which grows quickly with n.
    /// </summary>
    public const int MaxTieredTerms = 5;

    /// <summary>An FTS5 expression matching rows that match at least <paramref name="count"/> of the phrases.</summary>
    public static string AtLeast(IReadOnlyList<string> phrases, int count)
    {
        if (count <= 1)
        {
            return string.Join(" OR ", phrases);
        }

        var groups = new List<string>();
        void Choose(int start, List<string> chosen)
        {
            if (chosen.Count == count)
            {
                groups.Add("(" + string.Join(" AND ", chosen) + ")");
                return;
            }

            for (var i = start; i <= phrases.Count - (count - chosen.Count); i++)
            {
                chosen.Add(phrases[i]);
                Choose(i + 1, chosen);
                chosen.RemoveAt(chosen.Count - 1);
            }
        }

        Choose(0, []);
        return string.Join(" OR ", groups);
    }
}
