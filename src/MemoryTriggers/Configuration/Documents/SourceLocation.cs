namespace MemoryTriggers.Configuration.Documents;

/// <summary>Where a value came from: a position in a file, an environment variable, or the defaults.</summary>
public sealed record SourceLocation
{
    /// <summary>Gets the location of values that no file or variable set.</summary>
    public static SourceLocation Default { get; } = new();

    /// <summary>Gets the file or source name, when the value came from text.</summary>
    public string? File { get; init; }

    /// <summary>Gets the 1-based line, or 0 when unknown.</summary>
    public int Line { get; init; }

    /// <summary>Gets the 1-based column, or 0 when unknown.</summary>
    public int Column { get; init; }

    /// <summary>Gets the environment variable that set the value, if one did.</summary>
    public string? Variable { get; init; }

    /// <summary>Gets a value indicating whether the location has a line and column.</summary>
    public bool HasPosition => Line > 0;

    /// <summary>Creates a location in text.</summary>
    /// <param name="file">The file or source name.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    /// <returns>The location.</returns>
    public static SourceLocation At(string? file, int line, int column) => new() { File = file, Line = line, Column = column };

    /// <summary>Creates the location of a value set by an environment variable.</summary>
    /// <param name="variable">The variable's name.</param>
    /// <returns>The location.</returns>
    public static SourceLocation FromVariable(string variable) => new() { Variable = variable };

    /// <summary>Returns <c>FILE:LINE:COL</c>, <c>env NAME</c> or <c>default</c>.</summary>
    /// <returns>The location as text.</returns>
    public override string ToString() =>
        Variable is not null ? $"env {Variable}"
        : HasPosition ? $"{File ?? "<input>"}:{Line}:{Column}"
        : "default";
}
