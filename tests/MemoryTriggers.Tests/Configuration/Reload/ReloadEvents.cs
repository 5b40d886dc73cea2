using MemoryTriggers.Configuration.Reload;

namespace MemoryTriggers.Tests.Configuration.Reload;

/// <summary>Records a manager's events and lets a test wait, with a generous timeout, until what it expects has arrived.</summary>
internal sealed class ReloadEvents
{
    /// <summary>Long enough for a slow, busy 2-core machine; tests never assert how long anything took.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Lock _sync = new();
    private readonly List<EventArgs> _events = [];
    private readonly List<(Func<IReadOnlyList<EventArgs>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public ReloadEvents(MemoryTriggerConfigManager manager)
    {
        manager.Reloaded += (_, e) => Add(e);
        manager.ReloadFailed += (_, e) => Add(e);
    }

    public IReadOnlyList<EventArgs> All
    {
        get
        {
            lock (_sync)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<ConfigReloadedEventArgs> Reloads => All.OfType<ConfigReloadedEventArgs>().ToArray();

    public IReadOnlyList<ConfigReloadFailedEventArgs> Failures => All.OfType<ConfigReloadFailedEventArgs>().ToArray();

    /// <summary>Waits until the events so far satisfy a condition.</summary>
    public async Task UntilAsync(Func<IReadOnlyList<EventArgs>, bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            if (condition(_events))
            {
                return;
            }

            _waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {Timeout} for {what}; events so far: {Describe(All)}");
        }
    }

    /// <summary>Waits for the <paramref name="count"/>-th Reloaded event overall and returns it.</summary>
    public async Task<ConfigReloadedEventArgs> ReloadAsync(int count)
    {
        await UntilAsync(e => e.OfType<ConfigReloadedEventArgs>().Count() >= count, $"reload #{count}");
        return Reloads[count - 1];
    }

    /// <summary>Waits for the <paramref name="count"/>-th ReloadFailed event overall and returns it.</summary>
    public async Task<ConfigReloadFailedEventArgs> FailureAsync(int count)
    {
        await UntilAsync(e => e.OfType<ConfigReloadFailedEventArgs>().Count() >= count, $"failed reload #{count}");
        return Failures[count - 1];
    }

    private static string Describe(IReadOnlyList<EventArgs> events) =>
        events.Count == 0 ? "none" : string.Join("; ", events.Select(e => e switch
        {
            ConfigReloadedEventArgs r => $"reloaded ({r.Trigger}) {r.Changes}",
            ConfigReloadFailedEventArgs f => $"failed ({f.Trigger}) {f}",
            _ => e.ToString(),
        }));

    private void Add(EventArgs e)
    {
        List<TaskCompletionSource> ready = [];
        lock (_sync)
        {
            _events.Add(e);
            foreach (var waiter in _waiters.ToArray())
            {
                if (waiter.Condition(_events))
                {
                    _waiters.Remove(waiter);
                    ready.Add(waiter.Done);
                }
            }
        }

        foreach (var done in ready)
        {
            done.TrySetResult();
        }
    }
}
