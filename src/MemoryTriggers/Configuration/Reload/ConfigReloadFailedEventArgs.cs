using System.Globalization;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Configuration.Reload;

/// <summary>Data of <see cref="MemoryTriggerConfigManager.ReloadFailed"/>: an edit was refused and the last good snapshot stays in force.</summary>
public sealed class ConfigReloadFailedEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="ConfigReloadFailedEventArgs"/> class.</summary>
    /// <param name="trigger">What started the reload.</param>
    /// <param name="current">The snapshot that stays in force.</param>
    /// <param name="issues">Every issue found: at least one error, each with its file and, when known, line and column.</param>
    /// <param name="attemptedHash">The content hash of the refused files, or <see langword="null"/> when they could not be read.</param>
    /// <param name="exception">The unexpected exception that stopped the reload, if one did.</param>
    public ConfigReloadFailedEventArgs(ReloadTrigger trigger, MemoryTriggerSnapshot current, IReadOnlyList<ValidationIssue> issues, string? attemptedHash, Exception? exception = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(issues);
        Trigger = trigger;
        Current = current;
        Issues = issues;
        Errors = issues.Where(i => i.IsError).ToArray();
        AttemptedHash = attemptedHash;
        Exception = exception;
    }

    /// <summary>Gets what started the reload.</summary>
    public ReloadTrigger Trigger { get; }

    /// <summary>Gets the snapshot that stays in force.</summary>
    public MemoryTriggerSnapshot Current { get; }

    /// <summary>Gets every issue found, errors first.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; }

    /// <summary>Gets the errors, the reason the edit was refused.</summary>
    public IReadOnlyList<ValidationIssue> Errors { get; }

    /// <summary>Gets the content hash of the refused files, or <see langword="null"/> when they could not be read.</summary>
    public string? AttemptedHash { get; }

    /// <summary>Gets the unexpected exception that stopped the reload, if one did; validation problems are issues, never exceptions.</summary>
    public Exception? Exception { get; }

    /// <summary>Returns a one-line description: the number of errors and the first one with its location.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Describe(Errors);

    internal static string Describe(IReadOnlyList<ValidationIssue> errors) =>
        errors.Count switch
        {
            0 => "the reload failed",
            1 => "1 error: " + errors[0],
            _ => string.Create(CultureInfo.InvariantCulture, $"{errors.Count} errors; first: {errors[0]}"),
        };
}
