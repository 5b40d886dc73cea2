using System.Text.Json;
using MemoryTriggers;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Cli.Output;

/// <summary>Renders a policy decision as text or as the documented JSON.</summary>
internal static class DecisionWriter
{
    public static void WriteText(Painter painter, PolicyDecision decision, bool explain)
    {
        painter.Line($"Decision {decision.DecisionId}{(decision.DryRun ? " (dry run: nothing was performed or recorded)" : string.Empty)}");
        foreach (var result in decision.Results)
        {
            var (label, style) = result.Outcome switch
            {
                RuleOutcome.Fired when !result.Succeeded => ("FAILED ", "red bold"),
                RuleOutcome.Fired => ("FIRED  ", "green bold"),
                RuleOutcome.ConditionsFalse or RuleOutcome.Disabled or RuleOutcome.OutOfScope or RuleOutcome.NotReached => ("-      ", "grey"),
                _ => ("HELD   ", "yellow"),
            };
            var chained = result.ChainedFrom is null ? string.Empty : $" (chained from {result.ChainedFrom})";
            painter.Line((label, style), ($"{result.Rule}{chained}: {result.Reason}", null));
            foreach (var action in result.Actions)
            {
                var status = action.Status.ToString().ToLowerInvariant();
                var parameters = action.Parameters.Count == 0 ? string.Empty : " " + PlainJson.Text(action.Parameters);
                painter.Line(($"    {YamlNames.Of(action.Type)} ", null), (status, action.Status == ActionStatus.Failed ? "red" : null), (parameters, "grey"));
                if (action.Error is { } error)
                {
                    painter.Line(("      error: ", "red"), (error, null));
                }

                if (action.Output.Count > 0)
                {
                    painter.Line(("      output: ", "grey"), (PlainJson.Text(action.Output), null));
                }
            }

            if (explain && result.Conditions is { } conditions)
            {
                foreach (var condition in conditions)
                {
                    var depth = condition.Path.Split(".sub_conditions[").Length - 1;
                    var field = condition.Field is null ? string.Empty : condition.Field + " ";
                    var expected = condition.Expected is null ? string.Empty : " " + condition.Expected;
                    var actual = condition.Actual is null ? string.Empty : $" (actual {condition.Actual})";
                    var where = condition.Path[(condition.Path.IndexOf(".conditions", StringComparison.Ordinal) + 1)..];
                    painter.Line(($"    {new string(' ', depth * 2)}{(condition.Result ? "true " : "false")} ", condition.Result ? "green" : "red"),
                        ($"{field}{condition.Type}{expected}{actual}  [{where}]", null));
                }
            }
        }

        var fired = decision.Results.Count(r => r.Fired);
        painter.Line($"{fired} rule{(fired == 1 ? string.Empty : "s")} fired, {decision.Results.Sum(r => r.Actions.Count)} actions");
    }

    public static void WriteJson(Utf8JsonWriter json, PolicyDecision decision)
    {
        json.WriteStartObject();
        json.WriteString("decision_id", decision.DecisionId);
        json.WriteString("timestamp", decision.Timestamp);
        json.WriteBoolean("dry_run", decision.DryRun);
        json.WriteStartArray("results");
        foreach (var result in decision.Results)
        {
            json.WriteStartObject();
            json.WriteString("rule", result.Rule);
            json.WriteBoolean("matched", result.Matched);
            json.WriteBoolean("fired", result.Fired);
            json.WriteString("outcome", YamlNames.Of(result.Outcome));
            json.WriteString("reason", result.Reason);
            if (result.ChainedFrom is { } from)
            {
                json.WriteString("chained_from", from);
            }

            json.WriteStartArray("actions");
            foreach (var action in result.Actions)
            {
                json.WriteStartObject();
                json.WriteString("type", YamlNames.Of(action.Type));
                json.WriteString("status", action.Status.ToString().ToLowerInvariant());
                json.WritePlain("parameters", action.Parameters);
                json.WritePlain("output", action.Output);
                json.WritePlain("error", action.Error);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (result.Conditions is { } conditions)
            {
                json.WriteStartArray("conditions");
                foreach (var condition in conditions)
                {
                    json.WriteStartObject();
                    json.WriteString("path", condition.Path);
                    json.WriteString("type", condition.Type);
                    json.WritePlain("field", condition.Field);
                    json.WritePlain("actual", condition.Actual);
                    json.WritePlain("expected", condition.Expected);
                    json.WriteBoolean("result", condition.Result);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string Json(PolicyDecision decision) => PlainJson.Document(json => WriteJson(json, decision)) + "\n";
}
