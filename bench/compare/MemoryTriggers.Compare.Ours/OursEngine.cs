using System.Diagnostics;
using System.Reflection;
using MemoryTriggers.Compare.Harness;
using MemoryTriggers.Policies;

namespace MemoryTriggers.Compare.Ours;

/// <summary>
/// Our policy engine seen through the protocol: events are <see cref="JsonEvent"/>s, loading is the product's
/// pipeline (YAML loader, validator, <c>new PolicyEngine(set)</c>), evaluation is <see cref="PolicyEngine.Match"/>:
/// the stateless core (which rules' conditions hold) that the other engines compute too.
/// </summary>
internal sealed class OursEngine : IHarnessEngine<JsonEvent>
{
    private PolicyEngine? _engine;

    /// <inheritdoc/>
    public string Name => "ours";

    /// <inheritdoc/>
    public string Version { get; } =
        typeof(PolicyEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(PolicyEngine).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <inheritdoc/>
    public int RuleCount => Engine.Policies.Rules.Count;

    /// <summary>Gets the engine built by <see cref="Load"/>.</summary>
    public PolicyEngine Engine => _engine ?? throw new InvalidOperationException("no rules are loaded");

    /// <inheritdoc/>
    public JsonEvent Parse(string line) => JsonEvent.Parse(line);

    /// <inheritdoc/>
    public void Load(string rulesPath)
    {
        var start = Stopwatch.GetTimestamp();
        var loaded = PolicyLoader.LoadFile(rulesPath);
        var parsed = Stopwatch.GetTimestamp();
        var set = PolicyFiles.Validate(loaded, rulesPath);
        var validated = Stopwatch.GetTimestamp();
        _engine = new PolicyEngine(set);
        var compiled = Stopwatch.GetTimestamp();
        LoadMs = Stopwatch.GetElapsedTime(start, parsed).TotalMilliseconds;
        ValidateMs = Stopwatch.GetElapsedTime(parsed, validated).TotalMilliseconds;
        CompileMs = Stopwatch.GetElapsedTime(validated, compiled).TotalMilliseconds;
    }

    /// <summary>Gets the time <see cref="Load"/> spent reading the YAML into a policy set.</summary>
    public double LoadMs { get; private set; }

    /// <summary>Gets the time <see cref="Load"/> spent in the validator (lint checks included).</summary>
    public double ValidateMs { get; private set; }

    /// <summary>Gets the time <see cref="Load"/> spent compiling the set (<c>new PolicyEngine(set)</c>).</summary>
    public double CompileMs { get; private set; }

    /// <inheritdoc/>
    public void Evaluate(JsonEvent item, List<string> matched) => _engine!.Match(item.Context, matched);
}
