using System.Text.Json;
using MemoryTriggers.Memory;
using MemoryTriggers.Policies;
using MemoryTriggers.Runtime;

namespace MemoryTriggers.Cli.Output;

/// <summary>What <c>memory-config process</c> did: counts over every result (derived pattern events included), and the results themselves.</summary>
internal sealed class ProcessReport
{
    private readonly List<TriggerResult> _results = [];

    public int Events { get; private set; }

    public int Processed { get; private set; }

    public int Patterns { get; private set; }

    public int InvalidLines { get; set; }

    public int MemoriesCreated { get; private set; }

    public int MemoriesDeduplicated { get; private set; }

    public SortedDictionary<string, int> Gated { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> RulesFired { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> ActionsByStatus { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> ActionsByType { get; } = new(StringComparer.Ordinal);

    public TimeSpan Elapsed { get; set; }

    public IReadOnlyList<TriggerResult> Results => _results;

    public void Add(TriggerResult result, bool keep)
    {
        Events++;
        if (result.Outcome == TriggerOutcome.Processed)
        {
            Processed++;
        }
        else
        {
            var reason = YamlNames.Of(result.Gate!.Value);
            Gated[reason] = Gated.GetValueOrDefault(reason) + 1;
        }

        Count(result);
        if (keep)
        {
            _results.Add(result);
        }
    }

    public static string Line(TriggerResult result)
    {
        var text = $"{result.EventId}  {YamlNames.Of(result.TriggerType)}  {(result.Outcome == TriggerOutcome.Gated ? "gated (" + YamlNames.Of(result.Gate!.Value) + ")" : "processed")}: {result.Reason}";
        if (result.RecalledMemories.Count > 0)
        {
            text += $" Recalled {result.RecalledMemories.Count} memories.";
        }

        return text;
    }

    public void WriteText(Painter painter, string store)
    {
        var seconds = Math.Max(Elapsed.TotalSeconds, 1e-9);
        painter.Line(($"Processed {Events} events in {Elapsed.TotalSeconds:0.00} s ({Events / seconds:#,0} events/s) against {store}", "bold"));
        Row(painter, "events", $"{Events} ({Processed} processed, {Gated.Values.Sum()} gated{(InvalidLines > 0 ? $", {InvalidLines} invalid lines skipped" : string.Empty)})");
        Row(painter, "gated", Gated.Count == 0 ? "none" : string.Join(", ", Gated.Select(g => $"{g.Key} {g.Value}")));
        Row(painter, "patterns", $"{Patterns} derived pattern events (their rules and actions are counted below)");
        Row(painter, "rules fired", RulesFired.Count == 0 ? "none" : $"{RulesFired.Values.Sum()} ({string.Join(", ", RulesFired.Select(r => $"{r.Key} {r.Value}"))})");
        Row(painter, "actions", ActionsByStatus.Count == 0 ? "none" : string.Join(", ", ActionsByStatus.Select(a => $"{a.Key} {a.Value}")));
        Row(painter, "by type", ActionsByType.Count == 0 ? "none" : string.Join(", ", ActionsByType.Select(a => $"{a.Key} {a.Value}")));
        Row(painter, "memories", $"{MemoriesCreated} created{(MemoriesDeduplicated > 0 ? $", {MemoriesDeduplicated} already stored (same content and scope within the deduplication window)" : string.Empty)}");
    }

    public void WriteJson(Utf8JsonWriter json, string store)
    {
        json.WriteStartObject();
        json.WriteString("store", store);
        json.WriteNumber("events", Events);
        json.WriteNumber("processed", Processed);
        json.WriteNumber("gated", Gated.Values.Sum());
        json.WriteNumber("invalid_lines", InvalidLines);
        json.WritePlain("gated_by_reason", Gated.ToDictionary(g => g.Key, g => (object?)g.Value));
        json.WriteNumber("patterns", Patterns);
        json.WritePlain("rules_fired", RulesFired.ToDictionary(g => g.Key, g => (object?)g.Value));
        json.WritePlain("actions_by_status", ActionsByStatus.ToDictionary(g => g.Key, g => (object?)g.Value));
        json.WritePlain("actions_by_type", ActionsByType.ToDictionary(g => g.Key, g => (object?)g.Value));
        json.WriteNumber("memories_created", MemoriesCreated);
        json.WriteNumber("memories_deduplicated", MemoriesDeduplicated);
        json.WriteNumber("duration_ms", Math.Round(Elapsed.TotalMilliseconds, 1));
        json.WriteNumber("events_per_second", Math.Round(Events / Math.Max(Elapsed.TotalSeconds, 1e-9), 1));
        json.WriteStartArray("results");
        foreach (var result in _results)
        {
            WriteResult(json, result);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, TriggerResult result)
    {
        json.WriteStartObject();
        json.WriteString("id", result.EventId);
        json.WriteString("trigger_type", YamlNames.Of(result.TriggerType));
        json.WriteString("outcome", YamlNames.Of(result.Outcome));
        json.WritePlain("gate", result.Gate is { } gate ? YamlNames.Of(gate) : null);
        json.WritePlain("trigger_policy", result.TriggerPolicy);
        json.WriteString("reason", result.Reason);
        json.WritePlain("fired_rules", result.FiredRules.Cast<object?>().ToList());
        json.WriteStartArray("actions");
        foreach (var rule in result.Decision?.Results ?? [])
        {
            foreach (var action in rule.Actions)
            {
                json.WriteStartObject();
                json.WriteString("rule", rule.Rule);
                json.WriteString("type", YamlNames.Of(action.Type));
                json.WriteString("status", YamlNames.Of(action.Status));
                json.WritePlain("error", action.Error);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WritePlain("recalled", result.RecalledMemories.Select(m => (object?)m.Id).ToList());
        if (result.Pattern is { } pattern)
        {
            json.WritePropertyName("pattern");
            WriteResult(json, pattern);
        }

        json.WriteEndObject();
    }

    private static void Row(Painter painter, string label, string value) => painter.Line(($"  {label,-12}", "grey"), (value, null));

    /// <summary>Counts the rules and actions of a result and of the pattern event it derived.</summary>
    private void Count(TriggerResult result)
    {
        foreach (var rule in result.Decision?.Results ?? [])
        {
            if (rule.Fired)
            {
                RulesFired[rule.Rule] = RulesFired.GetValueOrDefault(rule.Rule) + 1;
            }

            foreach (var action in rule.Actions)
            {
                var status = YamlNames.Of(action.Status);
                var type = YamlNames.Of(action.Type);
                ActionsByStatus[status] = ActionsByStatus.GetValueOrDefault(status) + 1;
                ActionsByType[type] = ActionsByType.GetValueOrDefault(type) + 1;
                if (action.Type == PolicyActionType.CreateMemory && action.Status == ActionStatus.Succeeded && action.Output.TryGetValue("created", out var created))
                {
                    _ = created is true ? MemoriesCreated++ : MemoriesDeduplicated++;
                }
            }
        }

        if (result.Pattern is { } pattern)
        {
            Patterns++;
            Count(pattern);
        }
    }
}
