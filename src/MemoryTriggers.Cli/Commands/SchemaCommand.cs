using System.CommandLine;
using MemoryTriggers.Validation.Schema;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config schema</c>: prints the JSON Schema of the configuration.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliContext context)
    {
        var output = CommonOptions.Output("the schema");
        var command = new Command("schema", "Print the JSON Schema of the configuration (for editors and CI).") { output };
        command.SetAction(result => CliAction.Run(context, () =>
        {
            var path = result.GetValue(output);
            if (path is null)
            {
                context.Out.Write(ConfigurationSchemaValidator.BuiltInSchemaText);
                return ExitCodes.Success;
            }

            AtomicFile.WriteAllText(path, ConfigurationSchemaValidator.BuiltInSchemaText);
            context.Out.WriteLine($"Wrote the configuration schema to {path}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
