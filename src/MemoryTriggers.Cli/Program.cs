using MemoryTriggers.Cli;

return await CliApp.RunAsync(args, CliContext.FromConsole()).ConfigureAwait(false);
