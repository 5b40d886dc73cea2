namespace MemoryTriggers.Cli;

/// <summary>The exit codes of every command. They are stable: scripts depend on them (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Success: valid, done, or no changes.</summary>
    public const int Success = 0;

    /// <summary>Invalid input or a failed operation.</summary>
    public const int Failure = 1;

    /// <summary>A dry run found changes.</summary>
    public const int ChangesFound = 2;

    /// <summary>Only warnings were found, and --strict was given.</summary>
    public const int WarningsUnderStrict = 3;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 64;

    /// <summary>The memory backend could not be reached.</summary>
    public const int BackendUnavailable = 69;

    /// <summary>Interrupted by Ctrl+C.</summary>
    public const int Interrupted = 130;

    /// <summary>The table printed in the root command's help.</summary>
    public const string Summary =
        "Exit codes: 0 success, 1 invalid input or failed operation, 2 changes found (dry runs), "
        + "3 warnings only under --strict, 64 usage error, 69 backend unavailable, 130 interrupted.";
}
