using System.Globalization;
using System.Text;

namespace MemoryTriggers.Memory.Sqlite;

/// <summary>
/// Multi-row INSERT statements for a memory's tag and metadata rows: one statement per memory
/// instead of one per row. The texts are built once per row count, so the commands of a write
/// transaction keep their prepared statements.
/// </summary>
internal static class SqliteRowsSql
{
    /// <summary>The most rows one statement inserts (4 parameters a row, well under SQLite's variable limit).</summary>
    public const int MaxRows = 100;

    private static readonly string?[] TagTexts = new string?[MaxRows + 1];
    private static readonly string?[] MetadataTexts = new string?[MaxRows + 1];
    private static readonly string?[] HistoryTexts = new string?[MaxRows + 1];

    /// <summary>Inserts <paramref name="rows"/> tags of memory <c>$seq</c> from <c>$p{i}</c>, <c>$t{i}</c>, <c>$l{i}</c>; a tag already there (case-insensitively) is skipped.</summary>
    public static string Tags(int rows) =>
        TagTexts[rows] ??= Build("INSERT OR IGNORE INTO tags (memory_seq, position, tag, tag_lower) VALUES ", rows, "($seq, $p{0}, $t{0}, $l{0})");

    /// <summary>Inserts <paramref name="rows"/> metadata entries of memory <c>$seq</c> from <c>$k{i}</c>, <c>$d{i}</c>, <c>$x{i}</c>, <c>$n{i}</c>.</summary>
    public static string Metadata(int rows) =>
        MetadataTexts[rows] ??= Build("INSERT INTO metadata (memory_seq, key, kind, text_value, num_value) VALUES ", rows, "($seq, $k{0}, $d{0}, $x{0}, $n{0})");

    /// <summary>Inserts <paramref name="rows"/> history entries of kind <c>$kind</c> for memories <c>$i{i}</c> at <c>$a{i}</c>, in order.</summary>
    public static string History(int rows) =>
        HistoryTexts[rows] ??= Build("INSERT INTO history (memory_id, kind, at, detail) VALUES ", rows, "($i{0}, $kind, $a{0}, NULL)");

    /// <summary>The name of parameter <paramref name="prefix"/> of row <paramref name="row"/>.</summary>
    public static string Name(string prefix, int row) => prefix + row.ToString(CultureInfo.InvariantCulture);

    private static string Build(string insert, int rows, string row)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, MaxRows);
        var text = new StringBuilder(insert);
        for (var i = 0; i < rows; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(string.Format(CultureInfo.InvariantCulture, row, i));
        }

        return text.ToString();
    }
}
