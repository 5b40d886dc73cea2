using System.Text.Json;
using System.Text.RegularExpressions;

namespace MemoryTriggers.Compare.Canonical;

/// <summary>
/// Reads the canonical rule JSON strictly: any deviation from PROTOCOL.md's model is an error message naming the
/// JSON location (for example <c>rules[3].conditions[1]: 'value' must be a number</c>). Never throws for bad input.
/// </summary>
internal static class CanonicalReader
{
    /// <summary>The deepest <c>all</c>/<c>any</c> nesting PROTOCOL.md allows.</summary>
    public const int MaxGroupDepth = 3;

    /// <summary>The most segments a path may have.</summary>
    public const int MaxPathSegments = 4;

    /// <summary>Parses <paramref name="json"/>; returns the set, or null with <paramref name="error"/> set.</summary>
    public static CanonicalRuleSet? Read(string json, out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return ReadRoot(document.RootElement, out error);
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {e.Message}";
            return null;
        }
    }

    private static CanonicalRuleSet? ReadRoot(JsonElement root, out string? error)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "the root must be an object with 'rules'";
            return null;
        }

        long seed = 0;
        if (root.TryGetProperty("seed", out var seedElement) && !(seedElement.ValueKind == JsonValueKind.Number && seedElement.TryGetInt64(out seed)))
        {
            error = "'seed' must be an integer";
            return null;
        }

        if (!root.TryGetProperty("rules", out var rulesElement) || rulesElement.ValueKind != JsonValueKind.Array)
        {
            error = "'rules' must be an array";
            return null;
        }

        var rules = new List<CanonicalRule>(rulesElement.GetArrayLength());
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var ruleElement in rulesElement.EnumerateArray())
        {
            var where = $"rules[{index++}]";
            var rule = ReadRule(ruleElement, where, out error);
            if (rule is null)
            {
                return null;
            }

            if (!ids.Add(rule.Id))
            {
                error = $"{where}: duplicate id '{rule.Id}'";
                return null;
            }

            rules.Add(rule);
        }

        var size = rules.Count;
        if (root.TryGetProperty("size", out var sizeElement) && !(sizeElement.ValueKind == JsonValueKind.Number && sizeElement.TryGetInt32(out size) && size >= 0))
        {
            error = "'size' must be a non-negative integer";
            return null;
        }

        error = null;
        return new CanonicalRuleSet(seed, size, rules);
    }

    private static CanonicalRule? ReadRule(JsonElement element, string where, out string? error)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"{where}: a rule must be an object";
            return null;
        }

        if (!element.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 } name)
        {
            error = $"{where}: 'id' must be a non-empty string";
            return null;
        }

        var conditions = ReadConditions(element, where, 0, out error);
        return conditions is null ? null : new CanonicalRule(name, conditions);
    }

    private static List<CanonicalCondition>? ReadConditions(JsonElement parent, string where, int depth, out string? error)
    {
        if (!parent.TryGetProperty("conditions", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            error = $"{where}: 'conditions' must be a non-empty array";
            return null;
        }

        var conditions = new List<CanonicalCondition>(array.GetArrayLength());
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var condition = ReadCondition(element, $"{where}.conditions[{index++}]", depth, out error);
            if (condition is null)
            {
                return null;
            }

            conditions.Add(condition);
        }

        error = null;
        return conditions;
    }

    private static CanonicalCondition? ReadCondition(JsonElement element, string where, int depth, out string? error)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"{where}: a condition must be an object";
            return null;
        }

        if (!element.TryGetProperty("op", out var opElement) || opElement.ValueKind != JsonValueKind.String)
        {
            error = $"{where}: 'op' must be a string";
            return null;
        }

        var opName = opElement.GetString();
        if (opName is "all" or "any")
        {
            if (depth >= MaxGroupDepth)
            {
                error = $"{where}: groups nest deeper than {MaxGroupDepth}";
                return null;
            }

            var inner = ReadConditions(element, where, depth + 1, out error);
            return inner is null ? null : CanonicalCondition.Group(opName == "all" ? CanonicalOp.All : CanonicalOp.Any, inner);
        }

        if (!element.TryGetProperty("path", out var pathElement) || pathElement.ValueKind != JsonValueKind.String || !ValidPath(pathElement.GetString()!))
        {
            error = $"{where}: 'path' must be a dotted path of 1-{MaxPathSegments} non-empty segments";
            return null;
        }

        var path = pathElement.GetString()!;
        error = null;
        switch (opName)
        {
            case "eq" or "ne" or "contains":
                return String(element, "value", where, ref error) is { } text
                    ? CanonicalCondition.String(opName == "eq" ? CanonicalOp.Eq : opName == "ne" ? CanonicalOp.Ne : CanonicalOp.Contains, path, text)
                    : null;
            case "gt" or "lt":
                return Number(element, "value", where, ref error) is { } number
                    ? CanonicalCondition.Compare(opName == "gt" ? CanonicalOp.Gt : CanonicalOp.Lt, path, number)
                    : null;
            case "between":
                if (Number(element, "min", where, ref error) is not { } min || Number(element, "max", where, ref error) is not { } max)
                {
                    return null;
                }

                if (min > max)
                {
                    error = $"{where}: 'min' is above 'max'";
                    return null;
                }

                return CanonicalCondition.Range(path, min, max);
            case "in":
                return Values(element, where, ref error) is { } values ? CanonicalCondition.InList(path, values) : null;
            case "regex":
                if (String(element, "pattern", where, ref error) is not { } pattern)
                {
                    return null;
                }

                try
                {
                    _ = new Regex(pattern, RegexOptions.CultureInvariant);
                }
                catch (ArgumentException e)
                {
                    error = $"{where}: 'pattern' is not a valid regular expression: {e.Message}";
                    return null;
                }

                return CanonicalCondition.Match(path, pattern);
            default:
                error = $"{where}: unknown op '{opName}' (expected eq, ne, gt, lt, between, in, contains, regex, all, any)";
                return null;
        }
    }

    private static bool ValidPath(string path)
    {
        var segments = path.Split('.');
        return segments.Length <= MaxPathSegments && segments.All(s => s.Length > 0);
    }

    private static string? String(JsonElement element, string name, string where, ref string? error)
    {
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        error = $"{where}: '{name}' must be a string";
        return null;
    }

    private static double? Number(JsonElement element, string name, string where, ref string? error)
    {
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }

        error = $"{where}: '{name}' must be a finite number";
        return null;
    }

    private static List<string>? Values(JsonElement element, string where, ref string? error)
    {
        if (element.TryGetProperty("values", out var array) && array.ValueKind == JsonValueKind.Array && array.GetArrayLength() > 0
            && array.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
        {
            return array.EnumerateArray().Select(v => v.GetString()!).ToList();
        }

        error = $"{where}: 'values' must be a non-empty array of strings";
        return null;
    }
}
