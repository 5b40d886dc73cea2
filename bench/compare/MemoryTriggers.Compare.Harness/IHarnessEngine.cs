namespace MemoryTriggers.Compare.Harness;

/// <summary>One rules engine under comparison, seen through the operations the protocol times.</summary>
/// <typeparam name="TEvent">The engine's natural in-memory form of an event.</typeparam>
public interface IHarnessEngine<TEvent>
{
    /// <summary>Gets the short engine name written to the result ("ours", "rulesengine").</summary>
    string Name { get; }

    /// <summary>Gets the engine's package or assembly version.</summary>
    string Version { get; }

    /// <summary>Gets the number of rules loaded by <see cref="Load"/>.</summary>
    int RuleCount { get; }

    /// <summary>Parses one JSON line into the engine's natural form.</summary>
    TEvent Parse(string line);

    /// <summary>Loads, validates and compiles the rules file (timed as part of the cold start).</summary>
    void Load(string rulesPath);

    /// <summary>Evaluates one event and adds the ids of the rules it matches to <paramref name="matched"/> (any order).</summary>
    void Evaluate(TEvent item, List<string> matched);
}
