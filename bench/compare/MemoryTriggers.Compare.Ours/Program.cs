using MemoryTriggers.Compare.Harness;
using MemoryTriggers.Compare.Ours;

// Our engine's harness of the side-by-side comparison: the protocol's phases (PROTOCOL.md), then our extras
// (bench/README.md, "Side-by-side comparison: our harness"). Our own options are checked before anything runs.
string[] ownOptions = ["reload-rules", "reload-threads"];
try
{
    var options = HarnessOptions.Parse(args);
    if (options.Extra.Keys.FirstOrDefault(k => !ownOptions.Contains(k)) is { } unknown)
    {
        throw new ArgumentException($"unknown option --{unknown} (this harness also takes --reload-rules FILE and --reload-threads N)");
    }

    if (options.Extra.TryGetValue("reload-rules", out var file) && !File.Exists(file))
    {
        throw new ArgumentException($"--reload-rules: no such file '{file}'");
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"ours harness: {e.Message}");
    return 2;
}

var engine = new OursEngine();
return HarnessRunner.Run(engine, args, session =>
{
    session.Result.Extra["cold_start_yaml_load_ms"] = engine.LoadMs;
    session.Result.Extra["cold_start_validate_ms"] = engine.ValidateMs;
    session.Result.Extra["cold_start_compile_ms"] = engine.CompileMs;
    DecisionMeasurements.Run(engine.Engine, session);
    StatefulScenario.Run(session);
    if (session.Options.Extra.TryGetValue("reload-rules", out var reloadFile))
    {
        ReloadUnderLoad.Run(engine.Engine, session, reloadFile);
    }
});
