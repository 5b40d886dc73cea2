using System.CommandLine;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Memory.Encryption;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config memories keygen --output PATH</c>: a new key file for encryption at rest, readable by its owner only.</summary>
internal static class MemoriesKeygenCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--output", "-o") { Description = "Where to write the key file (created with mode 0600).", Required = true };
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite an existing file. A store encrypted with the old key can no longer be read." };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("keygen", "Create a 256-bit key file for backend.encryption_key_path.") { output, force, format };
        command.SetAction(result => CliAction.Run(context, () =>
        {
            var path = result.GetValue(output)!;
            try
            {
                using var key = MemoryEncryptionKey.Generate();
                key.WriteFile(path, overwrite: result.GetValue(force));
                if (result.GetValue(format) == "json")
                {
                    MemoryWriter.WriteJson(context.Out, w =>
                    {
                        w.WriteString("file", Path.GetFullPath(path));
                        w.WriteString("key_id", key.KeyId);
                    });
                }
                else
                {
                    context.Out.WriteLine($"Wrote key {key.KeyId} to {path} (mode 0600). Set backend.encryption_enabled: true and backend.encryption_key_path: {path}, and keep a copy somewhere safe: without it the store cannot be read.");
                }

                return ExitCodes.Success;
            }
            catch (MemoryEncryptionException ex)
            {
                context.Error.WriteLine($"memory-config: {ex.Message}");
                return ExitCodes.Failure;
            }
        }));
        return command;
    }
}
