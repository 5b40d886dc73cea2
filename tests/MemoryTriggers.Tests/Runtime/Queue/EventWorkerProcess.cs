using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Threading.Channels;

namespace MemoryTriggers.Tests.Runtime.Queue;

/// <summary>
/// The MemoryTriggers.EventWorker program (tests/Fixtures) in its own process, its output read line
/// by line. <see cref="Dispose"/> kills it if it still runs.
/// </summary>
internal sealed class EventWorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _errors = new();

    private EventWorkerProcess(Process process) => _process = process;

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
        typeof(EventWorkerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "EventWorkerPath").Value!;

    public static EventWorkerProcess Start(params string[] arguments)
    {
        Assert.True(File.Exists(WorkerPath), $"The event worker is not built at {WorkerPath}.");
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
        var worker = new EventWorkerProcess(process);
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

    /// <summary>The next line of output; fails (with the worker's errors) if the output ends or no line comes in time.</summary>
    public async Task<string> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(QueueTestBed.Patience);
        try
        {
            if (await _lines.Reader.WaitToReadAsync(timeout.Token) && _lines.Reader.TryRead(out var line))
            {
                return line;
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The event worker wrote no line within {QueueTestBed.Patience}. Errors: {Errors}");
        }

        Assert.Fail($"The event worker ended its output. Errors: {Errors}");
        return string.Empty;
    }

    /// <summary>The lines not read yet, up to the end of the output.</summary>
    public async Task<IReadOnlyList<string>> RemainingLinesAsync()
    {
        using var timeout = new CancellationTokenSource(QueueTestBed.Patience);
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
        Assert.True(_process.WaitForExit(QueueTestBed.Patience), "The killed event worker did not exit.");
    }

    /// <summary>Waits for the worker to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(QueueTestBed.Patience);
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
                _process.WaitForExit(QueueTestBed.Patience);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }

        _process.Dispose();
    }
}
