using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Threading.Channels;

namespace MemoryTriggers.Tests;

/// <summary>
/// A worker program of tests/Fixtures (MemoryTriggers.StoreWorker, MemoryTriggers.EventWorker) running in its
/// own process, its output read line by line. <see cref="Dispose"/> kills it if it still runs.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    /// <summary>How long to wait for a line or an exit: generous, for a slow shared machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _errors = new();

    private readonly string _name;

    private WorkerProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    /// <summary>Gets what the worker wrote to standard error so far.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Gets the store worker's name for <see cref="Start"/>.</summary>
    public const string StoreWorker = "StoreWorker";

    /// <summary>Gets the event worker's name for <see cref="Start"/>.</summary>
    public const string EventWorker = "EventWorker";

    /// <summary>Starts the worker named <paramref name="worker"/> (its path is the test assembly's <c>{worker}Path</c> metadata).</summary>
    public static WorkerProcess Start(string worker, params string[] arguments)
    {
        var path = typeof(WorkerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == worker + "Path").Value!;
        Assert.True(File.Exists(path), $"The {worker} is not built at {path}.");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(path);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var started = new WorkerProcess(process, worker);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                started._lines.Writer.TryComplete();
            }
            else
            {
                started._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (started._errors)
            {
                started._errors.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>The next line of output; fails (with the worker's errors) if it ends or none comes in time.</summary>
    public async Task<string> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            if (await _lines.Reader.WaitToReadAsync(timeout.Token) && _lines.Reader.TryRead(out var line))
            {
                return line;
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The {_name} wrote no line within {Patience}. Errors: {Errors}");
        }

        Assert.Fail($"The {_name} ended its output. Errors: {Errors}");
        return string.Empty;
    }

    /// <summary>The lines not read yet, up to the end of the output (after the worker exited).</summary>
    public async Task<IReadOnlyList<string>> RemainingLinesAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var lines = new List<string>();
        await foreach (var line in _lines.Reader.ReadAllAsync(timeout.Token))
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Sends SIGKILL to the worker and waits until it is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        Assert.True(_process.WaitForExit(Patience), $"The killed {_name} did not exit.");
    }

    /// <summary>Waits for the worker to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(Patience);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }

        _process.Dispose();
    }
}
