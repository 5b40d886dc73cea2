using System.Diagnostics;
using System.Dynamic;
using System.Globalization;
using MemoryTriggers.Compare.Harness;
using RulesEngine.HelperFunctions;

namespace MemoryTriggers.Compare.RulesEngine;

/// <summary>
/// RulesEngine's known cliff, measured rather than avoided: it compiles the whole workflow again for every new
/// input type, and an <see cref="ExpandoObject"/> becomes a generated type per distinct shape. This counts the
/// shapes of the stream (as RulesEngine's own <see cref="Utils.CreateAbstractClassType"/> types them) and times the
/// first evaluation of each shape on a fresh engine, with everything else already warm.
/// </summary>
internal static class ShapeProbe
{
    /// <summary>
    /// Adds <c>shapes</c>, <c>shapes_probed</c>, <c>recompile_ms_{p50,mean,max}</c> and <c>failed_rules_per_shape</c>
    /// (results carrying an exception message, i.e. rules RulesEngine could not compile for that shape) to the extras.
    /// </summary>
    /// <remarks>Stops after <c>--shape-probe-seconds</c> (default 30); at least one shape is always timed.</remarks>
    public static void Measure(HarnessSession<ExpandoObject> session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var budget = session.Options.Extra.TryGetValue("shape-probe-seconds", out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : 30;

        var firstOfShape = new Dictionary<Type, int>();
        for (var i = 0; i < session.Events.Count; i++)
        {
            firstOfShape.TryAdd(Utils.CreateAbstractClassType(session.Events[i]), i);
        }

        var engine = RulesEngineHarness.CreateEngine(RulesEngineHarness.ReadWorkflow(session.Options.Rules));
        var times = new List<double>();
        var failedRules = 0L;
        var deadline = Stopwatch.GetTimestamp() + (long)(budget * Stopwatch.Frequency);
        foreach (var index in firstOfShape.Values.Order())
        {
            var start = Stopwatch.GetTimestamp();
            var results = RulesEngineHarness.Execute(engine, session.Events[index]);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            failedRules += results.Count(r => !string.IsNullOrEmpty(r.ExceptionMessage));
            if (Stopwatch.GetTimestamp() >= deadline)
            {
                break;
            }
        }

        times.Sort();
        var extra = session.Result.Extra;
        extra["shapes"] = firstOfShape.Count;
        extra["shapes_probed"] = times.Count;
        extra["recompile_ms_p50"] = times[(times.Count - 1) / 2];
        extra["recompile_ms_mean"] = times.Average();
        extra["recompile_ms_max"] = times[^1];
        extra["failed_rules_per_shape"] = (double)failedRules / times.Count;
        Console.Error.WriteLine(
            $"rulesengine: {firstOfShape.Count} shapes; first evaluation per shape (recompile) over {times.Count}: " +
            $"p50 {extra["recompile_ms_p50"]:F1} ms, mean {extra["recompile_ms_mean"]:F1} ms, max {extra["recompile_ms_max"]:F1} ms; " +
            $"rules that did not compile for a shape (a member the shape lacks; RulesEngine reports them as failed): {extra["failed_rules_per_shape"]:F1} per shape");
    }
}
