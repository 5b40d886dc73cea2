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
}
