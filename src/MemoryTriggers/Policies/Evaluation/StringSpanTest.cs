namespace MemoryTriggers.Policies;

/// <summary>A test on a string's characters, with state so that no closure is allocated.</summary>
internal delegate bool StringSpanTest<in TState>(TState state, ReadOnlySpan<char> text);
