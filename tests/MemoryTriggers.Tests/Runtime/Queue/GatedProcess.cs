using System.Collections.Concurrent;
using System.Threading.Channels;
using MemoryTriggers.Runtime;

namespace MemoryTriggers.Tests.Runtime.Queue;

/// <summary>
/// A processing function for the processor that waits at a gate (honouring cancellation), records
/// which events entered and finished and how many ran at once, and can fail chosen attempts.
/// </summary>
internal sealed class GatedProcess
{
    private readonly Channel<bool> _permits = Channel.CreateUnbounded<bool>();
    private readonly Channel<string> _entered = Channel.CreateUnbounded<string>();
    private int _running;
    private int _maxRunning;

    public GatedProcess(bool open = false)
    {
        if (open)
        {
            Open();
        }
    }

    /// <summary>Gets how many times each event finished successfully.</summary>
    public ConcurrentDictionary<string, int> Completed { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets how many times each event was started.</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the most calls that ran at the same time.</summary>
    public int MaxRunning => Volatile.Read(ref _maxRunning);

    /// <summary>Gets or sets the failure to throw on a call: given the event id and its call number (1-based).</summary>
    public Func<string, int, Exception?>? Fail { get; set; }

    public Func<TriggerEvent, CancellationToken, Task<TriggerResult>> Process => RunAsync;

    /// <summary>Lets <paramref name="count"/> more calls through the gate.</summary>
    public void Let(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _permits.Writer.TryWrite(true);
        }
    }

    /// <summary>Lets every call through from now on.</summary>
    public void Open() => _permits.Writer.TryComplete();

    /// <summary>Waits until <paramref name="count"/> more calls have entered (reached the gate).</summary>
    public async Task<IReadOnlyList<string>> EnteredAsync(int count)
    {
        using var timeout = new CancellationTokenSource(QueueTestBed.Patience);
        var ids = new List<string>();
        while (ids.Count < count)
        {
            ids.Add(await _entered.Reader.ReadAsync(timeout.Token));
        }

        return ids;
    }

    private async Task<TriggerResult> RunAsync(TriggerEvent e, CancellationToken cancellationToken)
    {
        var call = Calls.AddOrUpdate(e.Id, 1, (_, n) => n + 1);
        var running = Interlocked.Increment(ref _running);
        try
        {
            InterlockedMax(ref _maxRunning, running);
            _entered.Writer.TryWrite(e.Id);
            await PassAsync(cancellationToken);
            if (Fail?.Invoke(e.Id, call) is { } failure)
            {
                throw failure;
            }

            Completed.AddOrUpdate(e.Id, 1, (_, n) => n + 1);
            return QueueTestBed.Result(e);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>Takes a permit, or passes when the gate is open for good.</summary>
    private async Task PassAsync(CancellationToken cancellationToken)
    {
        while (!_permits.Reader.TryRead(out _))
        {
            if (!await _permits.Reader.WaitToReadAsync(cancellationToken))
            {
                return;
            }
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
