using System.CommandLine;
using MemoryTriggers.Configuration;
using MemoryTriggers.Validation.Schema;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config generate --env ENV</c>: writes an environment preset as commented YAML.</summary>
internal static class GenerateCommand
{
    /// <summary>The modeline that gives editors completion from a schema written beside the file by <c>memory-config schema</c>.</summary>
    public const string Modeline = "# yaml-language-server: $schema=./" + ConfigSchemaGenerator.FileName;

    public static Command Create(CliContext context)
    {
        var environment = new Option<string>("--env", "-e")
        {
            Description = "The environment whose preset to write.",
            DefaultValueFactory = _ => "development",
        };
        environment.AcceptOnlyFromAmong("development", "testing", "staging", "production");
        var minimal = new Option<bool>("--minimal") { Description = "Write only the values that differ from the built-in defaults." };
        var output = CommonOptions.Output("the configuration");
        var command = new Command("generate", "Write an environment preset as commented YAML that validates clean.")
        {
            environment, minimal, output,
        };
        command.SetAction(result => CliAction.Run(context, () =>
            Execute(context, Enum.Parse<Configuration.Environment>(result.GetValue(environment)!, ignoreCase: true), result.GetValue(minimal), result.GetValue(output))));
        return command;
    }

    public static string Render(Configuration.Environment environment, bool minimal)
    {
        var name = environment.ToString().ToLowerInvariant();
        if (!minimal)
        {
            var preset = EnvironmentPresets.GetYaml(environment);
            return Modeline + preset[preset.IndexOf('\n', StringComparison.Ordinal)..];
        }

        var yaml = ConfigWriter.ToYaml(EnvironmentPresets.Get(environment), new ConfigWriterOptions { Minimal = true, Comments = true, Redact = false });
        return $"""
            {Modeline}
            # MemoryTriggers: minimal {name} configuration.
            # Only values that differ from the built-in defaults are written; every other key takes its
            # default (docs/configuration.md lists them; `memory-config show FILE` prints them all).

            {yaml}
            """;
    }

    private static int Execute(CliContext context, Configuration.Environment environment, bool minimal, string? output)
    {
        var text = Render(environment, minimal);
        if (output is null)
        {
            context.Out.Write(text);
            return ExitCodes.Success;
        }

        AtomicFile.WriteAllText(output, text);
        context.Out.WriteLine($"Wrote the {environment.ToString().ToLowerInvariant()} configuration to {output}");
        context.Out.WriteLine($"For editor completion: memory-config schema --output {Path.Combine(Path.GetDirectoryName(output) ?? ".", ConfigSchemaGenerator.FileName)}");
        return ExitCodes.Success;
    }
}
