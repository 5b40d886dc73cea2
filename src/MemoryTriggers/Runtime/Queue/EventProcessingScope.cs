namespace MemoryTriggers.Runtime.Queue;

/// <summary>
/// The event a <see cref="BackgroundEventProcessor"/> worker is processing, flowing with the async
/// calls of <see cref="MemoryTriggerService.ProcessAsync"/> down to an <see cref="EventIdempotentMemoryStore"/>.
/// </summary>
/// <param name="EventId">The event's id.</param>
/// <param name="Replay">Whether an earlier attempt may have run (a retry, or an entry found pending at start).</param>
internal sealed record EventProcessingScope(string EventId, bool Replay)
{
    private static readonly AsyncLocal<EventProcessingScope?> Ambient = new();

    /// <summary>Gets the event being processed on this async flow, if any.</summary>
    public static EventProcessingScope? Current => Ambient.Value;

    /// <summary>Sets the event of this async flow (and of the calls it makes) until the returned handle is disposed.</summary>
    public static Handle Enter(string eventId, bool replay)
    {
        var previous = Ambient.Value;
        Ambient.Value = new EventProcessingScope(eventId, replay);
        return new Handle(previous);
    }

    /// <summary>Restores the scope that was current before <see cref="Enter"/>.</summary>
    internal readonly struct Handle(EventProcessingScope? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
