namespace MemoryTriggers.Policies.Templates;

/// <summary>Where a placeholder's value comes from.</summary>
internal enum PlaceholderKind
{
    /// <summary>A context path or a built-in such as <c>timestamp</c>.</summary>
    Context,

    /// <summary>An earlier action's output: <c>actions.TYPE.KEY</c>.</summary>
    Action,

    /// <summary>An environment variable, only as <c>env:NAME</c>; redacted in traces.</summary>
    Environment,
}
