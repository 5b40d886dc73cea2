using System.Text.Json.Nodes;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Configuration.Reload;

/// <summary>Compares two snapshots: effective configuration values by dotted path, rules by name and content.</summary>
internal static class ChangeSummaryBuilder
{
    private static readonly ConfigWriterOptions s_everyValue = new() { Redact = false };

    public static ConfigChangeSummary Build(MemoryTriggerSnapshot previous, MemoryTriggerSnapshot current)
    {
        var before = Flatten(previous.Config);
        var after = Flatten(current.Config);
        var changed = after.Where(e => !before.TryGetValue(e.Key, out var old) || old != e.Value).Select(e => e.Key)
            .Concat(before.Keys.Where(k => !after.ContainsKey(k)))
            .ToArray();

        var oldRules = previous.Policies.Rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var newRules = current.Policies.Rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        return new ConfigChangeSummary
        {
            ChangedPaths = changed,
            PoliciesAdded = newRules.Keys.Where(n => !oldRules.ContainsKey(n)).ToArray(),
            PoliciesRemoved = oldRules.Keys.Where(n => !newRules.ContainsKey(n)).ToArray(),
            PoliciesChanged = newRules.Values.Where(r => oldRules.TryGetValue(r.Name, out var old) && !SameContent(old, r)).Select(r => r.Name).ToArray(),
            MatchModeChanged = previous.Policies.MatchMode != current.Policies.MatchMode,
            OldHash = previous.ContentHash,
            NewHash = current.ContentHash,
            OldVersion = previous.Version,
            NewVersion = current.Version,
        };
    }

    private static bool SameContent(PolicyRule a, PolicyRule b) => a with { Source = null } == b with { Source = null };

    /// <summary>Every leaf of the configuration as the JSON the writer gives it; lists are leaves. Keeps the model's order.</summary>
    private static Dictionary<string, string> Flatten(MemoryTriggerConfig config)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(JsonNode.Parse(ConfigWriter.ToJson(config, s_everyValue)), string.Empty, leaves);
        return leaves;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string> leaves)
    {
        if (node is JsonObject mapping && (mapping.Count > 0 || path.Length == 0))
        {
            foreach (var (key, value) in mapping)
            {
                Walk(value, path.Length == 0 ? key : path + "." + key, leaves);
            }
        }
        else
        {
            leaves[path] = node?.ToJsonString() ?? "null";
        }
    }
}
