using System.Diagnostics.CodeAnalysis;

namespace MemoryTriggers.Deployment;

/// <summary>The outcome of reading a backup bundle: the bundle, or one sentence saying why it cannot be used.</summary>
public sealed record BackupBundleReadResult
{
    /// <summary>Gets the bundle, when it was read and verified.</summary>
    public BackupBundle? Bundle { get; init; }

    /// <summary>Gets why the bundle cannot be used, when it cannot.</summary>
    public string? Error { get; init; }

    /// <summary>Gets a value indicating whether the bundle was read and its checksum verified.</summary>
    [MemberNotNullWhen(true, nameof(Bundle))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Bundle is not null;
}
