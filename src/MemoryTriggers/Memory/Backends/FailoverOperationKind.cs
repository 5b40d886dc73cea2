namespace MemoryTriggers.Memory.Backends;

/// <summary>The kinds of write a <see cref="FailoverMemoryStore"/> journals; the names are stored in the journal.</summary>
internal enum FailoverOperationKind
{
    Create,
    Update,
    Delete,
    Archive,
    SetQuality,
    AddTag,
    RemoveTag,
}
