using System.Runtime.InteropServices;
using MemoryTriggers.Cli;

// Ctrl+C and SIGTERM cancel the command's token, so a command ends its own way (monitor exits 0,
// others report "interrupted" with 130); a second Ctrl+C ends the process at once.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
return await CliApp.RunAsync(args, CliContext.FromConsole(), stop.Token).ConfigureAwait(false);
