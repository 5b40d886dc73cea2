namespace MemoryTriggers.Policies;

/// <summary>Codes of issues the engine itself reports.</summary>
public static class PolicyCodes
{
    /// <summary>A condition or template cannot be compiled (bad regex, time, zone or placeholder); the rule never fires.</summary>
    public const string Uncompilable = "POL-UNCOMPILABLE";
}
