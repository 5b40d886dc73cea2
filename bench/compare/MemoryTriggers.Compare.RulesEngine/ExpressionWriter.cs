using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MemoryTriggers.Compare.RulesEngine;

/// <summary>
/// Writes one canonical rule (PROTOCOL.md) as a Dynamic LINQ lambda expression over <c>input1</c>, the form a
/// RulesEngine <c>Expression</c> takes. Throws <see cref="InvalidDataException"/> naming the JSON location of
/// anything it cannot translate.
/// </summary>
internal static class ExpressionWriter
{
    private const string Input = "input1";

    /// <summary>Writes the conjunction of a rule's top-level conditions.</summary>
    public static string WriteRule(JsonElement conditions, string where)
    {
        var text = new StringBuilder();
        WriteJunction(text, conditions, " AND ", "true", where, parenthesize: false);
        return text.ToString();
    }

    private static void WriteJunction(StringBuilder text, JsonElement conditions, string separator, string empty, string where, bool parenthesize)
    {
        if (conditions.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{where}: 'conditions' must be an array");
        }

        var count = conditions.GetArrayLength();
        if (count == 0)
        {
            text.Append(empty);
            return;
        }

        var group = parenthesize && count > 1;
        if (group)
        {
            text.Append('(');
        }

        var index = 0;
        foreach (var condition in conditions.EnumerateArray())
        {
            if (index > 0)
            {
                text.Append(separator);
            }

            WriteCondition(text, condition, $"{where}.conditions[{index}]");
            index++;
        }

        if (group)
        {
            text.Append(')');
        }
    }

    private static void WriteCondition(StringBuilder text, JsonElement condition, string where)
    {
        if (condition.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where}: a condition must be an object");
        }

        var op = Required(condition, "op", where).GetString();
        switch (op)
        {
            case "all":
                WriteJunction(text, Required(condition, "conditions", where), " AND ", "true", where, parenthesize: true);
                return;
            case "any":
                WriteJunction(text, Required(condition, "conditions", where), " OR ", "false", where, parenthesize: true);
                return;
            case "eq":
                text.Append(Path(condition, where)).Append(" == ");
                AppendString(text, StringValue(condition, "value", where));
                return;
            case "ne":
                text.Append(Path(condition, where)).Append(" != ");
                AppendString(text, StringValue(condition, "value", where));
                return;
            case "gt":
                text.Append(Path(condition, where)).Append(" > ").Append(Number(condition, "value", where));
                return;
            case "lt":
                text.Append(Path(condition, where)).Append(" < ").Append(Number(condition, "value", where));
                return;
            case "between":
                var path = Path(condition, where);
                text.Append('(').Append(path).Append(" >= ").Append(Number(condition, "min", where))
                    .Append(" AND ").Append(path).Append(" <= ").Append(Number(condition, "max", where)).Append(')');
                return;
            case "in":
                WriteIn(text, condition, where);
                return;
            case "contains":
                text.Append(Path(condition, where)).Append(".Contains(");
                AppendString(text, StringValue(condition, "value", where));
                text.Append(')');
                return;
            case "regex":
                text.Append(nameof(BenchRegex)).Append('.').Append(nameof(BenchRegex.IsMatch)).Append('(').Append(Path(condition, where)).Append(", ");
                AppendString(text, StringValue(condition, "pattern", where));
                text.Append(')');
                return;
            default:
                throw new InvalidDataException($"{where}: unknown op '{op}' (expected eq, ne, gt, lt, between, in, contains, regex, all or any)");
        }
    }

    private static void WriteIn(StringBuilder text, JsonElement condition, string where)
    {
        var values = Required(condition, "values", where);
        if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
        {
            throw new InvalidDataException($"{where}.values: must be a non-empty array of strings");
        }

        // Dynamic LINQ's own list operator: it builds an OR of string equalities, with no array per evaluation.
        text.Append('(').Append(Path(condition, where)).Append(" in (");
        var index = 0;
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"{where}.values[{index}]: must be a string");
            }

            if (index++ > 0)
            {
                text.Append(", ");
            }

            AppendString(text, value.GetString()!);
        }

        text.Append("))");
    }

    private static string Path(JsonElement condition, string where)
    {
        var path = StringValue(condition, "path", where);
        var segments = path.Split('.');
        if (segments.Length is < 1 or > 4 || !segments.All(IsIdentifier))
        {
            throw new InvalidDataException($"{where}.path: '{path}' is not 1-4 dotted identifiers");
        }

        return Input + "." + path;
    }

    private static bool IsIdentifier(string segment) =>
        segment.Length > 0 && (char.IsAsciiLetter(segment[0]) || segment[0] == '_') && segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static JsonElement Required(JsonElement condition, string name, string where) =>
        condition.TryGetProperty(name, out var value) ? value : throw new InvalidDataException($"{where}: '{name}' is missing");

    private static string StringValue(JsonElement condition, string name, string where)
    {
        var value = Required(condition, name, where);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new InvalidDataException($"{where}.{name}: must be a string");
    }

    private static string Number(JsonElement condition, string name, string where)
    {
        var value = Required(condition, name, where);
        if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
        {
            throw new InvalidDataException($"{where}.{name}: must be a finite number");
        }

        // "R" round-trips the double exactly, and Dynamic LINQ reads it (exponent included) as that same double.
        return value.GetDouble().ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Appends a Dynamic LINQ string literal: quotes and backslashes escaped, anything outside printable ASCII as \uXXXX.</summary>
    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case < ' ' or > '~':
                    text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }
}
