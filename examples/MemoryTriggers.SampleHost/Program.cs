// A console host that runs MemoryTriggers the way an agent framework would: registered with
// AddMemoryTriggers, events handed to MemoryTriggerService, configuration and policies hot-reloaded.
//
//   dotnet run --project examples/MemoryTriggers.SampleHost -- [EVENTS.jsonl] [--config FILE] [--policies DIR]
//
// It processes the events (the example events by default), prints what happened to each, then keeps
// running, printing every reload and refused edit, until Ctrl+C.
using MemoryTriggers.Configuration.Reload;
using MemoryTriggers.Hosting;
using MemoryTriggers.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var root = FindRepositoryRoot();
var eventsPath = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !IsValueOf(a)) ?? Path.Combine(root, "examples", "events", "agent-events.jsonl");
var configPath = Option("--config") ?? Path.Combine(root, "examples", "MemoryTriggers.SampleHost", "config.yaml");
var policies = Option("--policies") ?? Path.Combine(root, "examples", "policies");

var builder = Host.CreateApplicationBuilder();
builder.Services.AddMemoryTriggers(o =>
{
    o.ConfigPath = configPath;
    o.PolicyDirectory = policies;
});
using var host = builder.Build();
await host.StartAsync();

var manager = host.Services.GetRequiredService<MemoryTriggerConfigManager>();
manager.Reloaded += (_, e) => Console.WriteLine($"reloaded: {e.Changes}");
manager.ReloadFailed += (_, e) => Console.WriteLine($"edit refused, version {e.Current.Version} stays in force: {e}");

var service = host.Services.GetRequiredService<MemoryTriggerService>();
foreach (var read in TriggerEventReader.ReadFile(eventsPath))
{
    if (read.Event is null)
    {
        Console.WriteLine($"skipped: {read.Issue}");
        continue;
    }

    var result = await service.ProcessAsync(read.Event);
    Console.WriteLine($"{result.EventId}: {result.Outcome}: {result.Reason}");
    if (result.Pattern is { } pattern)
    {
        Console.WriteLine($"  -> {pattern.EventId}: {pattern.Outcome}: {pattern.Reason}");
    }
}

Console.WriteLine($"watching {configPath} and {policies}; Ctrl+C to stop");
await host.WaitForShutdownAsync();

string? Option(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

bool IsValueOf(string arg) => Array.IndexOf(args, arg) is var at and > 0 && args[at - 1].StartsWith("--", StringComparison.Ordinal);

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "MemoryTriggers.slnx")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
