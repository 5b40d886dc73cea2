using System.CommandLine;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;
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
        var policies = new Option<string?>("--policies") { Description = "Also validate the policy files in this directory." };
        var command = new Command("validate", "Validate a configuration file (syntax, types, schema, semantic rules, performance score) and, with --policies, the policy files.")
        {
            file, strict, schema, format, policies,
        };
        command.SetAction(result => CliAction.Run(context, () =>
            Execute(context, result.GetValue(file)!, result.GetValue(strict), result.GetValue(schema), result.GetValue(format)!, result.GetValue(policies))));
        return command;
    }

    private static int Execute(CliContext context, string file, bool strict, string? schemaPath, string format, string? policyDirectory)
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
        IReadOnlyList<ValidationIssue> policyIssues = [];
        var ruleCount = 0;
        if (policyDirectory is not null)
        {
            var store = new PolicyStore(policyDirectory, "--policies");
            if (!store.Exists)
            {
                policyIssues = [new ValidationIssue(IssueSeverity.Error, IssueCodes.LoadFailed, string.Empty, "the policy directory does not exist") { Location = new Configuration.Documents.SourceLocation { File = policyDirectory } }];
            }
            else
            {
                var loaded = store.Load();
                ruleCount = loaded.Policies.Rules.Count;
                policyIssues = new PolicyValidator().ValidateAll(loaded)
                    .Select(i => strict && i.Code == IssueCodes.UnknownKey ? i with { Severity = IssueSeverity.Error } : i)
                    .ToArray();
            }
        }

        if (format == "json")
        {
            ReportWriter.WriteJson(context.Out, report, file, policyIssues);
        }
        else
        {
            var output = new Painter(context.Out, context.UseColor);
            ReportWriter.WriteText(output, report);
            if (policyDirectory is not null)
            {
                ReportWriter.WriteIssues(output, policyIssues);
                output.Line($"Policies: {ruleCount} rules in {policyDirectory}; {policyIssues.Count(i => i.IsError)} errors, {policyIssues.Count(i => i.Severity == IssueSeverity.Warning)} warnings");
            }
        }

        var warnings = report.Warnings.Count + policyIssues.Count(i => i.Severity == IssueSeverity.Warning);
        return !report.Valid || policyIssues.Any(i => i.IsError) ? ExitCodes.Failure
            : strict && warnings > 0 ? ExitCodes.WarningsUnderStrict
            : ExitCodes.Success;
    }
}
