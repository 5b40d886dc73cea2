using System.Dynamic;
using System.Reflection;
using System.Text.Json;
using MemoryTriggers.Compare.Harness;
using RulesEngine.Models;
using ReEngine = RulesEngine.RulesEngine;

namespace MemoryTriggers.Compare.RulesEngine;

/// <summary>
/// Microsoft RulesEngine behind the harness protocol: the translated workflow, <see cref="ExpandoObject"/> events,
/// <c>ExecuteAllRulesAsync("bench", input)</c>, and the ids of the results with <c>IsSuccess</c>.
/// </summary>
internal sealed class RulesEngineHarness : IHarnessEngine<ExpandoObject>
{
    private Workflow? _workflow;
    private ReEngine? _engine;

    /// <inheritdoc/>
    public string Name => "rulesengine";

    /// <inheritdoc/>
    public string Version { get; } =
        typeof(ReEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ReEngine).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <inheritdoc/>
    public int RuleCount => _workflow?.Rules.Count() ?? 0;

    /// <summary>
    /// Gets the settings every engine of this harness uses: RulesEngine's defaults (lambda expressions compiled by
    /// the standard expression compiler, exceptions reported as a failed rule's message) plus the regex helper.
    /// </summary>
    public static ReSettings Settings() => new() { CustomTypes = [typeof(BenchRegex)] };

    /// <inheritdoc/>
    public ExpandoObject Parse(string line) => ExpandoEvent.Parse(line);

    /// <inheritdoc/>
    public void Load(string rulesPath)
    {
        _workflow = ReadWorkflow(rulesPath);
        _engine = CreateEngine(_workflow);
    }

    /// <summary>Reads a workflow file written by <c>translate</c>.</summary>
    public static Workflow ReadWorkflow(string rulesPath)
    {
        var workflow = JsonSerializer.Deserialize<Workflow>(File.ReadAllBytes(rulesPath));
        if (workflow?.Rules is null || workflow.WorkflowName != TranslateCommand.WorkflowName)
        {
            throw new InvalidDataException($"{rulesPath}: expected a RulesEngine workflow named '{TranslateCommand.WorkflowName}' with 'Rules'");
        }

        return workflow;
    }

    /// <summary>Constructs an engine over <paramref name="workflow"/> (RulesEngine validates it here and compiles on first use).</summary>
    public static ReEngine CreateEngine(Workflow workflow) => new([workflow], reSettings: Settings());

    /// <inheritdoc/>
    public void Evaluate(ExpandoObject item, List<string> matched) => Evaluate(_engine!, item, matched);

    /// <summary>Runs every rule of the workflow on <paramref name="item"/> and adds the names of the successful ones.</summary>
    public static void Evaluate(ReEngine engine, ExpandoObject item, List<string> matched)
    {
        ArgumentNullException.ThrowIfNull(matched);
        foreach (var result in Execute(engine, item))
        {
            if (result.IsSuccess)
            {
                matched.Add(result.Rule.RuleName);
            }
        }
    }

    /// <summary>Runs every rule of the workflow on <paramref name="item"/>: one result per rule.</summary>
    public static List<RuleResultTree> Execute(ReEngine engine, ExpandoObject item)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var pending = engine.ExecuteAllRulesAsync(TranslateCommand.WorkflowName, item);

        // Without actions RulesEngine completes synchronously; block only if it ever does not.
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }
}
