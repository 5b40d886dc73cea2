using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory.Encryption;
using Microsoft.Data.Sqlite;

namespace MemoryTriggers.Memory.Sqlite;

/// <summary>
/// The search index of the SQLite store (schema version 5): one contentless FTS5 row per memory,
/// keyed by its <c>rev</c>, written by the store itself rather than by triggers (FTS5 flushes its
/// pending terms at every trigger's savepoint, which made each create 4x dearer). Column
/// <c>words</c> holds the normalized words of content and tags (their keyed tokens when encrypted);
/// column <c>scope</c> holds one token per filterable value (user, agent, run, category, each tag,
/// each metadata entry), so every filter is a term the index intersects, newest first, with no
/// table scan. A plaintext store also keeps the <c>words</c> vocabulary, so a query word expands
/// to the indexed words it starts, searched as exact terms instead of an FTS5 prefix query
/// (which merges the posting lists of every such word before it can return one row).
/// </summary>
internal sealed class SqliteSearchIndex(MemoryCipher? cipher)
{
    /// <summary>Gets the most indexed words one query word expands to; a word starting more is searched as an FTS5 prefix.</summary>
    public const int MaxExpansions = 32;

    private const string ScopeUser = "user";
    private const string ScopeAgent = "agent";
    private const string ScopeRun = "run";
    private const string ScopeCategory = "category";
    private const string ScopeTag = "tag";
    private const string ScopeMetadata = "metadata";

    /// <summary>Adds the index row of a memory written with <paramref name="rev"/>.</summary>
    public void Add(SqliteStatements statements, long rev, MemoryRecord record) =>
        statements.Execute(
            "INSERT INTO memories_fts (rowid, words, scope) VALUES ($rev, $words, $scope)",
            ("$rev", rev),
            ("$words", Words(record)),
            ("$scope", string.Join(' ', ScopeTokens(record))));

    /// <summary>Removes the index row of the memory version <paramref name="rev"/>.</summary>
    public static void Remove(SqliteStatements statements, long rev) =>
        statements.Execute("DELETE FROM memories_fts WHERE rowid = $rev", ("$rev", rev));

    /// <summary>Records the words of the memories in the vocabulary query words expand against (plaintext stores only).</summary>
    public void AddVocabulary(SqliteStatements statements, IEnumerable<MemoryRecord> records)
    {
        if (cipher is not null)
        {
            return;
        }

        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            words.UnionWith(NormalizedWords(record));
        }

        if (words.Count > 0)
        {
            statements.Execute("INSERT OR IGNORE INTO words (word) SELECT value FROM json_each($words)", ("$words", JsonSerializer.Serialize(words)));
        }
    }

    /// <summary>
    /// The FTS5 expression for each query term: the exact keyed token when encrypted; otherwise the
    /// indexed words starting with the term as an OR of exact terms, or a prefix phrase when it starts
    /// more than <see cref="MaxExpansions"/> words.
    /// </summary>
    public List<string> TermGroups(SqliteConnection connection, IReadOnlyList<string> terms)
    {
        if (cipher is not null)
        {
            return terms.Select(cipher.Token).Distinct(StringComparer.Ordinal).Select(SqliteFtsQuery.Exact).ToList();
        }

        using var expand = connection.CreateCommand();
        expand.CommandText = $"SELECT word FROM words WHERE word >= $from AND word < $to ORDER BY word LIMIT {MaxExpansions + 1}";
        var from = expand.Parameters.Add("$from", SqliteType.Text);
        var to = expand.Parameters.Add("$to", SqliteType.Text);
        var groups = new List<string>();
        foreach (var term in terms.Select(MemoryValues.NormalizeWord).Distinct(StringComparer.Ordinal))
        {
            from.Value = term;
            to.Value = term + char.ConvertFromUtf32(0x10FFFF);
            var words = new List<string>();
            using (var reader = expand.ExecuteReader())
            {
                while (reader.Read())
                {
                    words.Add(reader.GetString(0));
                }
            }

            groups.Add(words.Count switch
            {
                0 => SqliteFtsQuery.Exact(term),
                > MaxExpansions => SqliteFtsQuery.Phrase(term),
                _ => "(" + string.Join(" OR ", words.Select(SqliteFtsQuery.Exact)) + ")",
            });
        }

        return groups;
    }

    /// <summary>
    /// The tokens the query's filters require in column <c>scope</c>; a metadata filter on a list or
    /// map value only requires the key, and <paramref name="postFilter"/> says the values must be compared after.
    /// </summary>
    public List<string> ScopeTokens(MemoryQuery query, out bool postFilter)
    {
        var tokens = new List<string>();
        AddToken(tokens, ScopeUser, query.UserId);
        AddToken(tokens, ScopeAgent, query.AgentId);
        AddToken(tokens, ScopeRun, query.RunId);
        AddToken(tokens, ScopeCategory, query.Category?.ToLowerInvariant());
        foreach (var tag in query.Tags)
        {
            AddToken(tokens, ScopeTag, (tag ?? string.Empty).Trim().ToLowerInvariant());
        }

        postFilter = false;
        foreach (var entry in query.Metadata)
        {
            postFilter |= SqliteMetadata.Classify(entry.Value).Kind == SqliteMetadata.Json;
            tokens.Add(MetadataToken(entry.Key, entry.Value));
        }

        return tokens;
    }

    /// <summary>An FTS5 expression matching the query groups in column <c>words</c> and every scope token.</summary>
    public static string Match(string? words, IReadOnlyList<string> scope)
    {
        var parts = new List<string>(2);
        if (words is not null)
        {
            parts.Add("words : (" + words + ")");
        }

        if (scope.Count > 0)
        {
            parts.Add("scope : (" + string.Join(" AND ", scope.Select(SqliteFtsQuery.Exact)) + ")");
        }

        return string.Join(" AND ", parts);
    }

    private string Words(MemoryRecord record)
    {
        if (cipher is not null)
        {
            return cipher.Tokens(record.Content) + " " + cipher.Tokens(string.Join(' ', record.Tags));
        }

        var text = new StringBuilder(record.Content.Length + 16);
        foreach (var word in MemoryValues.Words(record.Content).Concat(record.Tags.SelectMany(MemoryValues.Words)))
        {
            text.Append(text.Length == 0 ? string.Empty : " ").Append(MemoryValues.NormalizeWord(word));
        }

        return text.ToString();
    }

    private static IEnumerable<string> NormalizedWords(MemoryRecord record) =>
        MemoryValues.Words(record.Content).Concat(record.Tags.SelectMany(MemoryValues.Words)).Select(MemoryValues.NormalizeWord);

    private List<string> ScopeTokens(MemoryRecord record)
    {
        var tokens = new List<string>(6 + record.Tags.Count + record.Metadata.Count);
        AddToken(tokens, ScopeUser, record.UserId);
        AddToken(tokens, ScopeAgent, record.AgentId);
        AddToken(tokens, ScopeRun, record.RunId);
        AddToken(tokens, ScopeCategory, record.Category?.ToLowerInvariant());
        foreach (var tag in record.Tags)
        {
            AddToken(tokens, ScopeTag, tag.ToLowerInvariant());
        }

        foreach (var entry in record.Metadata)
        {
            tokens.Add(MetadataToken(entry.Key, entry.Value));
        }

        return tokens;
    }

    /// <summary>A metadata entry's token: key, kind and comparable value (numbers by value, so 3, 3L and 3.0 agree); key and kind only for a list or map.</summary>
    private string MetadataToken(string key, object? value)
    {
        var (kind, text, number) = SqliteMetadata.Classify(value);
        var canonical = kind == SqliteMetadata.Json
            ? string.Empty
            : text ?? (number is { } n ? (n == 0 ? 0 : n).ToString("R", CultureInfo.InvariantCulture) : string.Empty);
        return Token(ScopeMetadata, key + "\0" + kind + ":" + canonical);
    }

    private void AddToken(List<string> tokens, string field, string? value)
    {
        if (value is not null)
        {
            tokens.Add(Token(field, value));
        }
    }

    /// <summary>32 hex digits naming one filter value: a keyed hash when encrypted (the values are secret), else SHA-256.</summary>
    private string Token(string field, string value) =>
        cipher?.Hash("scope-" + field, value)
        ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(field + "\0" + value)).AsSpan(0, 16));
}
