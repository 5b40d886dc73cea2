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
    /// <summary>Gets the longest filter value (in UTF-8 bytes) spelled out in its token rather than hashed.</summary>
    public const int MaxSpelledBytes = 48;

    /// <summary>Gets the most indexed words one query word expands to; a word starting more is searched as an FTS5 prefix.</summary>
    public const int MaxExpansions = 32;

    private const string ScopeUser = "user";
    private const string ScopeAgent = "agent";
    private const string ScopeRun = "run";
    private const string ScopeCategory = "category";
    private const string ScopeTag = "tag";
    private const string ScopeMetadata = "metadata";

    /// <summary>
    /// Adds the index rows of memories written with the given <c>rev</c>s, then their words to the
    /// vocabulary. Call it after the transaction's other writes to <c>memories</c>: FTS5 flushes its
    /// pending terms whenever another statement opens a savepoint, so rows added between other
    /// writes each become a segment of their own.
    /// </summary>
    public void Add(SqliteStatements statements, IReadOnlyList<(long Rev, MemoryRecord Record)> rows)
    {
        var vocabulary = cipher is null ? new HashSet<string>(StringComparer.Ordinal) : null;
        foreach (var (rev, record) in rows)
        {
            statements.Execute(
                "INSERT INTO memories_fts (rowid, words, scope) VALUES ($rev, $words, $scope)",
                ("$rev", rev),
                ("$words", Words(record, vocabulary)),
                ("$scope", string.Join(' ', ScopeTokens(record))));
        }

        if (vocabulary is { Count: > 0 })
        {
            statements.Execute("INSERT OR IGNORE INTO words (word) SELECT value FROM json_each($words)", ("$words", JsonSerializer.Serialize(vocabulary)));
        }
    }

    /// <summary>
    /// Drops from the vocabulary the words of a removed or rewritten memory version that no indexed
    /// memory holds any more, so a deleted memory's words do not stay in the file. Call it after the
    /// index rows are current (plaintext stores only; an encrypted store keeps no vocabulary).
    /// </summary>
    public void Prune(SqliteStatements statements, string content, IEnumerable<string> tags)
    {
        if (cipher is not null)
        {
            return;
        }

        var words = new HashSet<string>(StringComparer.Ordinal);
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        var ignored = new StringBuilder();
        AppendWords(ignored, content, lookup);
        foreach (var tag in tags)
        {
            AppendWords(ignored, tag, lookup);
        }

        foreach (var word in words)
        {
            var used = statements.Get("SELECT EXISTS (SELECT 1 FROM memories_fts WHERE memories_fts MATCH $match)");
            used.Parameters.AddWithValue("$match", Match(SqliteFtsQuery.Exact(word), []));
            if (Convert.ToInt64(used.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                statements.Execute("DELETE FROM words WHERE word = $word", ("$word", word));
            }
        }
    }

    /// <summary>Removes the index row of the memory version <paramref name="rev"/>.</summary>
    public static void Remove(SqliteStatements statements, long rev) =>
        statements.Execute("DELETE FROM memories_fts WHERE rowid = $rev", ("$rev", rev));

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

    /// <summary>The <c>words</c> column of a memory; a plaintext store also collects them into <paramref name="vocabulary"/>.</summary>
    private string Words(MemoryRecord record, HashSet<string>? vocabulary)
    {
        if (cipher is not null)
        {
            return cipher.Tokens(record.Content) + " " + cipher.Tokens(string.Join(' ', record.Tags));
        }

        var text = new StringBuilder(record.Content.Length + 16);
        var lookup = vocabulary!.GetAlternateLookup<ReadOnlySpan<char>>();
        AppendWords(text, record.Content, lookup);
        foreach (var tag in record.Tags)
        {
            AppendWords(text, tag, lookup);
        }

        return text.ToString();
    }

    /// <summary>
    /// Appends the words of <paramref name="source"/> as <see cref="MemoryValues.Words"/> finds them
    /// and <see cref="MemoryValues.NormalizeWord"/> normalizes them, without a string per ASCII word.
    /// </summary>
    private static void AppendWords(StringBuilder text, string source, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> vocabulary)
    {
        Span<char> lower = stackalloc char[64];
        var start = -1;
        for (var i = 0; i <= source.Length; i++)
        {
            if (i < source.Length && char.IsLetterOrDigit(source[i]))
            {
                start = start < 0 ? i : start;
                continue;
            }

            if (start < 0)
            {
                continue;
            }

            var word = source.AsSpan(start, i - start);
            start = -1;
            scoped ReadOnlySpan<char> normalized;
            if (word.Length <= lower.Length && Ascii.IsValid(word))
            {
                Ascii.ToLower(word, lower, out var written);
                normalized = lower[..written];
            }
            else
            {
                normalized = MemoryValues.NormalizeWord(word.ToString());
            }

            text.Append(text.Length == 0 ? string.Empty : " ").Append(normalized);
            vocabulary.Add(normalized);
        }
    }

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
        return Token(ScopeMetadata, key.Length.ToString(CultureInfo.InvariantCulture) + ":" + key + kind + ":" + canonical);
    }

    private void AddToken(List<string> tokens, string field, string? value)
    {
        if (value is not null)
        {
            tokens.Add(Token(field, value));
        }
    }

    /// <summary>
    /// The token naming one filter value: a keyed hash when encrypted (the values are secret);
    /// otherwise the field's letter, then <c>0</c> and the value's UTF-8 bytes in hex for a value of up
    /// to <see cref="MaxSpelledBytes"/> bytes (the usual short ids need no hashing), else <c>1</c> and
    /// 32 hex digits of SHA-256.
    /// </summary>
    private string Token(string field, string value)
    {
        if (cipher is not null)
        {
            return cipher.Hash("scope-" + field, value);
        }

        Span<byte> bytes = stackalloc byte[MaxSpelledBytes];
        return Encoding.UTF8.TryGetBytes(value, bytes, out var length)
            ? string.Concat(field.AsSpan(0, 1), "0", Convert.ToHexStringLower(bytes[..length]))
            : string.Concat(field.AsSpan(0, 1), "1", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 16)));
    }
}
