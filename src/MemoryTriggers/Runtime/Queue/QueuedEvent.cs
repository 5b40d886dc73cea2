namespace MemoryTriggers.Runtime.Queue;

/// <summary>
/// An outbox entry on its way to a worker: a newly accepted event (with the event itself), or an
/// entry found pending at start (with its stored JSON, read by the worker).
/// </summary>
internal sealed record QueuedEvent(long Sequence, string EventId, TriggerEvent? Event, OutboxEntry? Recovered);
