using System.Text;

namespace MemoryTriggers.Cli.Tests.Commands;

public sealed class MonitorCommandTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly MemoryWorkspace _workspace = new("auto_reload: true\nfeatures:\n  hot_reloading: true\n");

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Monitor_BadEditThenFix_ReportsTheRefusalWithTheLineAlertsAndTheReloadThenExitsZeroOnCtrlC()
    {
        var good = File.ReadAllText(_workspace.Config);
        var output = new SynchronizedBuffer();
        var error = new SynchronizedBuffer();
        using var stop = new CancellationTokenSource();
        var context = new CliContext(output.Writer, error.Writer, new Dictionary<string, string?>(), IsTerminal: false);
        var run = CliApp.RunAsync(["monitor", "--config", _workspace.Config, "--interval", "0.2", "--alerts"], context, stop.Token);

        await output.UntilAsync("healthy; 0 memories", Patience);
        File.WriteAllText(_workspace.Config, good + "performance:\n  batch_size: -5\n");
        await output.UntilAsync("edit REFUSED", Patience);
        await output.UntilAsync("alert    sent to log", Patience);
        File.WriteAllText(_workspace.Config, good + "performance:\n  batch_size: 20\n");
        await output.UntilAsync("reloaded to version 2", Patience);
        await stop.CancelAsync();
        var code = await run.WaitAsync(Patience);

        Assert.Equal(0, code);
        var text = output.Text;
        Assert.Contains($"config   {_workspace.Config} version 1", text, StringComparison.Ordinal);
        Assert.Matches(@"edit REFUSED; version 1 stays in force\. Why: .*config\.yaml:\d+:\d+ ", text);
        Assert.Contains("performance.batch_size", text, StringComparison.Ordinal);
        Assert.EndsWith("monitor  stopped\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_InvalidConfigAtStart_FailsWithTheLine()
    {
        File.AppendAllText(_workspace.Config, "performance:\n  batch_size: -5\n");

        var result = await CliRun.RunAsync("monitor", "--config", _workspace.Config);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("config.yaml:", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing to monitor until they are fixed", result.Error, StringComparison.Ordinal);
    }

    /// <summary>A text writer the command writes to while the test waits for what it expects.</summary>
    private sealed class SynchronizedBuffer
    {
        private readonly StringBuilder _text = new();

        public SynchronizedBuffer() => Writer = TextWriter.Synchronized(new StringWriter(_text));

        public TextWriter Writer { get; }

        public string Text
        {
            get
            {
                lock (Writer)
                {
                    return _text.ToString();
                }
            }
        }

        public async Task UntilAsync(string expected, TimeSpan patience)
        {
            var deadline = DateTime.UtcNow + patience;
            while (!Text.Contains(expected, StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"no '{expected}' in:\n{Text}");
                }

                await Task.Delay(20);
            }
        }
    }
}
