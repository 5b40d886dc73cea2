using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Threading.Channels;

namespace MemoryTriggers.Tests.Memory.Sqlite;

/// <summary>
/// The MemoryTriggers.StoreWorker program (tests/Fixtures) running in its own process, its output
/// read line by line. <see cref="Dispose"/> kills it if it still runs.
/// </summary>
internal sealed class StoreWorkerProcess : IDisposable
{
    /// <summary>How long to wait for a line or an exit: generous, for a slow shared machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _errors = new();

    private StoreWorkerProcess(Process process) => _process = process;

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

    private static string WorkerPath =>
        typeof(StoreWorkerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "StoreWorkerPath").Value!;

    public static StoreWorkerProcess Start(params string[] arguments)
    {
        Assert.True(File.Exists(WorkerPath), $"The store worker is not built at {WorkerPath}.");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WorkerPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var worker = new StoreWorkerProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                worker._lines.Writer.TryComplete();
            }
            else
            {
                worker._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (worker._errors)
            {
                worker._errors.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
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
            Assert.Fail($"The store worker wrote no line within {Patience}. Errors: {Errors}");
        }

        Assert.Fail($"The store worker ended its output. Errors: {Errors}");
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
        Assert.True(_process.WaitForExit(Patience), "The killed store worker did not exit.");
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
