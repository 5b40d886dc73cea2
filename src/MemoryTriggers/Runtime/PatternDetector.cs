using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MemoryTriggers.Configuration;
using MemoryTriggers.Memory;

namespace MemoryTriggers.Runtime;

/// <summary>
/// Finds recurring similar events. An event's message is normalized (lower case, every run of digits
/// replaced by <c>#</c>, split into words); two messages are similar when the Jaccard index of their
/// word sets (shared words over all words) is at least the threshold. Events of one trigger type
/// whose messages are similar to a group's first message, each within <c>window</c> of the group's
/// last event, form a group; the event that brings a group to <c>minOccurrences</c> yields one
/// derived <c>pattern</c> event (once per group). An event id already in the group (a replay) does
/// not count again. Thread-safe.
/// </summary>
internal sealed class PatternDetector(TimeSpan window, int minOccurrences)
{
    /// <summary>The most groups kept per trigger type; the stalest go first.</summary>
    private const int MaxGroups = 1_000;

    private readonly object _lock = new();
    private readonly Dictionary<MemoryTriggerType, List<Group>> _groups = [];

    /// <summary>The words a message is compared by.</summary>
    public static HashSet<string> Normalize(string message)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in MemoryValues.Words(message))
        {
            words.Add(word.All(char.IsDigit) ? "#" : NormalizeDigits(word.ToLowerInvariant()));
        }

        return words;
    }

    /// <summary>The Jaccard index of two word sets: 1 when equal, 0 when disjoint (and for two empty sets).</summary>
    public static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    /// <summary>Records an event; returns the derived pattern event when this event completes a group.</summary>
    public TriggerEvent? Observe(TriggerEvent e, string message, double threshold, DateTimeOffset now)
    {
        var words = Normalize(message);
        if (words.Count == 0)
        {
            return null;
        }

        lock (_lock)
        {
            if (!_groups.TryGetValue(e.TriggerType, out var groups))
            {
                _groups[e.TriggerType] = groups = [];
            }

            groups.RemoveAll(g => now - g.LastSeen > window);
            Group? match = null;
            var similarity = 0.0;
            foreach (var group in groups)
            {
                var s = Similarity(words, group.Words);
                if (s >= threshold && s > similarity)
                {
                    (match, similarity) = (group, s);
                }
            }

            if (match is null)
            {
                if (groups.Count >= MaxGroups)
                {
                    groups.Remove(groups.MinBy(g => g.LastSeen)!);
                }

                groups.Add(new Group(words, message, now, e.Id));
                return null;
            }

            // A replayed event (a retry, a restart) is the same occurrence, not another one.
            if (match.EventIds.Contains(e.Id))
            {
                return null;
            }

            match.Add(now, e.Id, similarity);
            if (match.Count < minOccurrences || match.Emitted)
            {
                return null;
            }

            match.Emitted = true;
            return Derive(e, match);
        }
    }

    private static TriggerEvent Derive(TriggerEvent e, Group group)
    {
        var type = YamlNames.Of(e.TriggerType);
        var normalized = string.Join(' ', group.Words.Order(StringComparer.Ordinal));
        var payload = new Dictionary<string, object?>
        {
            ["event_type"] = "pattern",
            ["pattern_type"] = "recurring_" + type,
            ["source_trigger_type"] = type,
            ["message"] = group.Message,
            ["pattern"] = new Dictionary<string, object?> { ["name"] = "recurring_" + type, ["description"] = group.Message },
            ["normalized_message"] = normalized,
            ["occurrences"] = group.Count,
            ["first_seen"] = group.FirstSeen.ToString("O", CultureInfo.InvariantCulture),
            ["last_seen"] = group.LastSeen.ToString("O", CultureInfo.InvariantCulture),
            ["min_similarity"] = Math.Round(group.MinSimilarity, 3),
            ["event_ids"] = group.EventIds.ToList(),
        };
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{type}\n{normalized}\n{group.FirstSeen.UtcTicks}")).AsSpan(0, 16));
        return new TriggerEvent
        {
            Id = "pattern-" + id,
            TriggerType = MemoryTriggerType.Pattern,
            Timestamp = group.LastSeen,
            AgentId = e.AgentId,
            WorkflowId = e.WorkflowId,
            TaskId = e.TaskId,
            UserId = e.UserId,
            SessionId = e.SessionId,
            Success = e.Success,
            Confidence = Math.Round(group.MinSimilarity, 3),
            Payload = JsonSerializer.SerializeToElement(payload),
        };
    }

    private static string NormalizeDigits(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (!char.IsDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length == 0 || builder[^1] != '#')
            {
                builder.Append('#');
            }
        }

        return builder.ToString();
    }

    private sealed class Group(HashSet<string> words, string message, DateTimeOffset first, string eventId)
    {
        private const int MaxIds = 20;

        public HashSet<string> Words { get; } = words;

        public string Message { get; } = message;

        public DateTimeOffset FirstSeen { get; } = first;

        public DateTimeOffset LastSeen { get; private set; } = first;

        public int Count { get; private set; } = 1;

        public double MinSimilarity { get; private set; } = 1;

        public bool Emitted { get; set; }

        public Queue<string> EventIds { get; } = new([eventId]);

        public void Add(DateTimeOffset at, string id, double similarity)
        {
            LastSeen = at;
            Count++;
            MinSimilarity = Math.Min(MinSimilarity, similarity);
            EventIds.Enqueue(id);
            if (EventIds.Count > MaxIds)
            {
                EventIds.Dequeue();
            }
        }
    }
}
