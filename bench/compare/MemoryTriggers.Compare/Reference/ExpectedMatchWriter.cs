using System.Globalization;
using System.Text;
using MemoryTriggers.Compare.Canonical;

namespace MemoryTriggers.Compare.Reference;

/// <summary>
/// Writes the expected match lines (PROTOCOL.md's output contract) of one event stream for several rule sets, with
/// the reference evaluator. Events are parsed once and evaluated in parallel batches; lines are written in order.
/// </summary>
internal sealed class ExpectedMatchWriter
{
    private const int Batch = 8192;
    private readonly IReadOnlyList<CanonicalRuleSet> _sets;
    private readonly ReferenceEvaluator[] _evaluators;
    private readonly Dictionary<string, int>[] _ruleIndex;

    /// <summary>Prepares the reference evaluator of each set once, for any number of streams.</summary>
    public ExpectedMatchWriter(IReadOnlyList<CanonicalRuleSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        _sets = sets;
        _evaluators = sets.Select(s => new ReferenceEvaluator(s.Rules, compileRegexes: true)).ToArray();
        _ruleIndex = sets.Select(s => s.Rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal)).ToArray();
    }

    /// <summary>Evaluates every event of <paramref name="eventsFile"/> against each set and writes the match file
    /// <paramref name="outputFor"/> names for it. Throws <see cref="InvalidDataException"/> naming the file and event
    /// index of an event that is not a JSON object.</summary>
    public IReadOnlyList<MatchStatistics> Write(string eventsFile, Func<CanonicalRuleSet, string> outputFor)
    {
        ArgumentNullException.ThrowIfNull(outputFor);
        var evaluators = _evaluators;
        var ruleIndex = _ruleIndex;
        var targets = _sets;
        var statistics = targets.Select(t => new MatchStatistics(t.Rules.Count)).ToArray();
        var outputs = targets.Select(t =>
        {
            var output = outputFor(t);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            return new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        }).ToArray();
        try
        {
            var lines = File.ReadLines(eventsFile).GetEnumerator();
            var index = 0;
            var batch = new List<string>(Batch);
            var results = new (List<string> Ids, int Bucket)[Batch, targets.Count];
            while (true)
            {
                batch.Clear();
                while (batch.Count < Batch && lines.MoveNext())
                {
                    // Empty lines are not events (the harnesses skip them too).
                    if (lines.Current.Length > 0)
                    {
                        batch.Add(lines.Current);
                    }
                }

                if (batch.Count == 0)
                {
                    break;
                }

                var first = index;
                Parallel.For(0, batch.Count, i =>
                {
                    var flat = FlatEvent.Parse(batch[i], out var error)
                        ?? throw new InvalidDataException($"{eventsFile}: event {first + i}: {error}");
                    flat.TryGetString("type", out var type);
                    for (var t = 0; t < evaluators.Length; t++)
                    {
                        var ids = new List<string>();
                        evaluators[t].Evaluate(flat, ids);
                        results[i, t] = (ids, evaluators[t].RulesFor(type).Count);
                    }
                });

                for (var i = 0; i < batch.Count; i++, index++)
                {
                    for (var t = 0; t < targets.Count; t++)
                    {
                        var (ids, bucket) = results[i, t];
                        outputs[t].Write(Encoding.UTF8.GetBytes(Line(index, ids)));
                        statistics[t].Add(ids.Select(id => ruleIndex[t][id]).ToArray(), bucket);
                    }
                }
            }
        }
        catch (AggregateException e) when (e.InnerException is InvalidDataException inner)
        {
            throw inner;
        }
        finally
        {
            foreach (var output in outputs)
            {
                output.Dispose();
            }
        }

        return statistics;
    }

    /// <summary>The match line of event <paramref name="index"/>: the index, a tab, the sorted ids joined by commas, a newline.</summary>
    public static string Line(int index, IEnumerable<string> sortedIds) =>
        string.Create(CultureInfo.InvariantCulture, $"{index}\t{string.Join(',', sortedIds)}\n");
}
