using System.CommandLine;
using System.Text.Json;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config policy list</c>: the rules in evaluation order.</summary>
internal static class PolicyListCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new PolicyOptions();
        var scope = new Option<string?>("--scope") { Description = "Only rules of this scope." };
        scope.AcceptOnlyFromAmong(Enum.GetValues<PolicyScope>().Select(s => YamlNames.Of(s)).ToArray());
        var enabledOnly = new Option<bool>("--enabled-only") { Description = "Only enabled rules." };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("list", "List the rules, highest priority first.") { scope, enabledOnly, format, shared.Policies, shared.Config };
        command.SetAction(result => CliAction.Run(context, () =>
        {
            var store = shared.Store(result, context);
            var loaded = store.Load();
            ReportWriter.WriteIssues(new Painter(context.Error, context.UseColor), loaded.Issues.Where(i => i.IsError));
            var rules = loaded.Policies.Rules
                .Select((rule, index) => (Rule: rule, Index: index))
                .OrderByDescending(r => r.Rule.Priority)
                .ThenBy(r => r.Index)
                .Select(r => r.Rule)
                .Where(r => result.GetValue(scope) is not { } only || YamlNames.Of(r.Scope) == only)
                .Where(r => !result.GetValue(enabledOnly) || r.Enabled)
                .ToArray();
            if (result.GetValue(format) == "json")
            {
                WriteJson(context.Out, store, loaded.Policies, rules);
            }
            else
            {
                WriteText(new Painter(context.Out, context.UseColor), store, loaded.Policies, rules);
            }

            return loaded.Valid ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }

    private static void WriteText(Painter painter, PolicyStore store, PolicySet set, PolicyRule[] rules)
    {
        if (!store.Exists)
        {
            painter.Line($"No policy directory at {store.Directory} ({store.Origin}).");
            return;
        }

        painter.Line($"{rules.Length} rule{(rules.Length == 1 ? string.Empty : "s")} in {store.Directory} (match_mode: {YamlNames.Of(set.MatchMode)})");
        foreach (var rule in rules)
        {
            painter.Line(
                (rule.Enabled ? "enabled  " : "disabled ", rule.Enabled ? "green" : "grey"),
                (rule.Name, "bold"),
                ($" (priority {rule.Priority}, scope {YamlNames.Of(rule.Scope)}) {Path.GetFileName(rule.Source)}", null));
            if (rule.Description is { } description)
            {
                painter.Line("    " + description);
            }

            var limits = new List<string> { $"{rule.Conditions.Count} condition{(rule.Conditions.Count == 1 ? string.Empty : "s")} ({rule.ConditionOperator.ToString().ToUpperInvariant()})", $"{rule.Actions.Count} action{(rule.Actions.Count == 1 ? string.Empty : "s")}" };
            if (rule.CooldownPeriod is { } cooldown)
            {
                limits.Add($"cooldown {cooldown} s{(rule.CooldownKey is { } key ? " per " + key : string.Empty)}");
            }

            if (rule.MaxExecutions is { } max)
            {
                limits.Add($"max {max} executions");
            }

            painter.Line("    " + string.Join(", ", limits));
        }
    }

    private static void WriteJson(TextWriter output, PolicyStore store, PolicySet set, PolicyRule[] rules)
    {
        output.WriteLine(PlainJson.Document(json =>
        {
            json.WriteStartObject();
            json.WriteString("directory", store.Directory);
            json.WriteString("match_mode", YamlNames.Of(set.MatchMode));
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                json.WriteStartObject();
                json.WriteString("name", rule.Name);
                json.WritePlain("description", rule.Description);
                json.WriteBoolean("enabled", rule.Enabled);
                json.WriteNumber("priority", rule.Priority);
                json.WriteString("scope", YamlNames.Of(rule.Scope));
                json.WriteString("file", rule.Source);
                json.WriteNumber("conditions", rule.Conditions.Count);
                json.WriteNumber("actions", rule.Actions.Count);
                json.WritePlain("max_executions", rule.MaxExecutions);
                json.WritePlain("cooldown_period", rule.CooldownPeriod);
                json.WritePlain("tags", rule.Tags);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }));
    }
}
