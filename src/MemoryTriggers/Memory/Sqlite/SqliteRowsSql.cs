using System.Globalization;
using System.Text;

namespace MemoryTriggers.Memory.Sqlite;

/// <summary>
/// Multi-row INSERT statements for a batch's history rows: one statement per batch instead of one
/// per row. The texts are built once per row count, so the commands of a write
/// transaction keep their prepared statements.
/// </summary>
internal static class SqliteRowsSql
{
    /// <summary>The most rows one statement inserts (4 parameters a row, well under SQLite's variable limit).</summary>
    public const int MaxRows = 100;

    private static readonly string?[] HistoryTexts = new string?[MaxRows + 1];

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
