namespace MemoryTriggers.Cli;

/// <summary>Runs a command's body so that failures become a one-line message and an exit code, never a stack trace.</summary>
internal static class CliAction
{
    public static int Run(CliContext context, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"memory-config: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            context.Error.WriteLine($"memory-config: unexpected error: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"memory-config: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await context.Error.WriteLineAsync($"memory-config: unexpected error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
