namespace MemoryTriggers.Runtime;

/// <summary>What the trigger gate decided for one event.</summary>
/// <param name="Admitted">Whether the event goes on to the policy engine.</param>
/// <param name="Reason">The gate that stopped it, if it was stopped.</param>
/// <param name="Policy">The trigger policy that admitted or stopped it, if one applied.</param>
/// <param name="Message">Why, in a sentence.</param>
internal readonly record struct GateDecision(bool Admitted, GateReason? Reason, string? Policy, string Message)
{
    public static GateDecision Pass(string? policy, string message) => new(true, null, policy, message);

    public static GateDecision Stop(GateReason reason, string? policy, string message) => new(false, reason, policy, message);
}
