using MemoryTriggers.Validation;

namespace MemoryTriggers.Runtime;

/// <summary>One event read by <see cref="TriggerEventReader"/>, or the problem that kept it from being read.</summary>
/// <param name="Line">The 1-based line the event starts on.</param>
/// <param name="Event">The event, when it was read.</param>
/// <param name="Issue">The problem (with file, line and column), when it was not.</param>
public sealed record TriggerEventRead(int Line, TriggerEvent? Event, ValidationIssue? Issue);
