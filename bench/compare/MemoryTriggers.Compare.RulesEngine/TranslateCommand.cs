using System.Text.Encodings.Web;
using System.Text.Json;

namespace MemoryTriggers.Compare.RulesEngine;

/// <summary>
/// <c>translate --canonical rules-N.canonical.json --out re/rules-N.json</c>: writes the canonical rule set as a
/// RulesEngine workflow named <c>bench</c>, one lambda-expression rule per canonical rule (RuleName = id).
/// </summary>
internal static class TranslateCommand
{
    /// <summary>The workflow name the harness executes.</summary>
    public const string WorkflowName = "bench";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // The file is read by RulesEngine, not a browser: keep '<', '>', '&' and quotes readable in expressions.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Runs the verb; returns 0, or 2 with a one-line message on stderr for bad arguments or input.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        string? canonical = null;
        string? output = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--canonical" when value is not null:
                    canonical = value;
                    break;
                case "--out" when value is not null:
                    output = value;
                    break;
                default:
                    Console.Error.WriteLine($"translate: unexpected argument '{args[i]}' (usage: translate --canonical FILE --out FILE)");
                    return 2;
            }
        }

        if (canonical is null || output is null)
        {
            Console.Error.WriteLine("translate: --canonical and --out are required");
            return 2;
        }

        try
        {
            var rules = Translate(canonical);
            Write(output, rules);
            Console.Error.WriteLine($"translate: {rules.Count} rules -> {output}");
            return 0;
        }
        catch (JsonException e)
        {
            Console.Error.WriteLine($"translate: {canonical}: not valid JSON ({e.Message})");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Console.Error.WriteLine($"translate: {e.Message}");
            return 2;
        }
    }

    /// <summary>Reads a canonical rule set and returns (id, expression) pairs in file order.</summary>
    public static IReadOnlyList<(string Id, string Expression)> Translate(string canonicalPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(canonicalPath));
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("rules", out var rules)
            || rules.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{canonicalPath}: expected an object with a 'rules' array");
        }

        var result = new List<(string, string)>(rules.GetArrayLength());
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var rule in rules.EnumerateArray())
        {
            var where = $"{canonicalPath}: rules[{index++}]";
            if (rule.ValueKind != JsonValueKind.Object
                || !rule.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString()!.Length == 0)
            {
                throw new InvalidDataException($"{where}: expected an object with a string 'id'");
            }

            if (!ids.Add(id.GetString()!))
            {
                throw new InvalidDataException($"{where}: duplicate id '{id.GetString()}'");
            }

            if (!rule.TryGetProperty("conditions", out var conditions))
            {
                throw new InvalidDataException($"{where}: 'conditions' is missing");
            }

            result.Add((id.GetString()!, ExpressionWriter.WriteRule(conditions, where)));
        }

        return result;
    }

    private static void Write(string path, IReadOnlyList<(string Id, string Expression)> rules)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, WriterOptions);
        json.WriteStartObject();
        json.WriteString("WorkflowName", WorkflowName);
        json.WriteStartArray("Rules");
        foreach (var (id, expression) in rules)
        {
            json.WriteStartObject();
            json.WriteString("RuleName", id);
            json.WriteString("RuleExpressionType", "LambdaExpression");
            json.WriteString("Expression", expression);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
