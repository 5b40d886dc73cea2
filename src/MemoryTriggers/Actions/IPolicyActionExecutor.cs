using MemoryTriggers.Policies;

namespace MemoryTriggers.Actions;

/// <summary>
/// Performs actions of some types. Throw <see cref="ActionFailedException"/> (or any exception) to
/// fail the action; the engine records the message, retries as the action says, and never lets it
/// escape. chain_policy, abort and skip are handled by the engine itself.
/// </summary>
public interface IPolicyActionExecutor
{
    /// <summary>Gets the action types this executor performs.</summary>
    IReadOnlyCollection<PolicyActionType> Types { get; }

    /// <summary>Performs one action.</summary>
    /// <param name="request">The action, with rendered parameters.</param>
    /// <param name="cancellationToken">Cancels the action (also on its timeout).</param>
    /// <returns>The action's outputs.</returns>
    ValueTask<ActionOutput> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken);
}
