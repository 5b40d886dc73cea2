using System.CommandLine;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;
using MemoryTriggers.Validation.Schema;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config validate FILE</c>: runs the whole validation pipeline and reports every issue with its location.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The configuration file to validate." };
        var strict = new Option<bool>("--strict") { Description = "Unknown keys are errors; exit 3 when only warnings are found." };
        var schema = new Option<string?>("--schema") { Description = "Check against this JSON Schema (JSON or YAML) instead of the built-in one." };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("validate", "Validate a configuration file: syntax, types, schema, semantic rules and performance score.")
        {
            file, strict, schema, format,
        };
        command.SetAction(result => CliAction.Run(context, () =>
            Execute(context, result.GetValue(file)!, result.GetValue(strict), result.GetValue(schema), result.GetValue(format)!)));
        return command;
    }

    private static int Execute(CliContext context, string file, bool strict, string? schemaPath, string format)
    {
        var painter = new Painter(context.Error, context.UseColor);
        ConfigurationSchemaValidator? schema = null;
        if (schemaPath is not null)
        {
            var schemaIssues = new List<ValidationIssue>();
            schema = File.Exists(schemaPath)
                ? ConfigurationSchemaValidator.FromText(File.ReadAllText(schemaPath), schemaPath, schemaIssues)
                : null;
            if (schema is null)
            {
                if (schemaIssues.Count == 0)
                {
                    schemaIssues.Add(new ValidationIssue(IssueSeverity.Error, IssueCodes.SchemaUnavailable, string.Empty, "the schema file does not exist")
                    {
                        Location = new Configuration.Documents.SourceLocation { File = schemaPath },
                        Suggestion = "check the --schema path",
                    });
                }

                ReportWriter.WriteIssues(painter, schemaIssues);
                return ExitCodes.Failure;
            }
        }

        var report = ConfigurationLoader.Load(file, new LoadOptions { Strict = strict, EnvironmentVariables = context.Variables, Schema = schema });
        if (format == "json")
        {
            ReportWriter.WriteJson(context.Out, report, file);
        }
        else
        {
            ReportWriter.WriteText(new Painter(context.Out, context.UseColor), report);
        }

        return !report.Valid ? ExitCodes.Failure
            : strict && report.Warnings.Count > 0 ? ExitCodes.WarningsUnderStrict
            : ExitCodes.Success;
    }
}
