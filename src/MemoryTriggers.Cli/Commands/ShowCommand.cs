using System.CommandLine;
using MemoryTriggers.Cli.Output;
using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Documents;

namespace MemoryTriggers.Cli.Commands;

/// <summary><c>memory-config show FILE</c>: prints the configuration after defaults (and, with --effective, environment overrides).</summary>
internal static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The configuration file." };
        var effective = new Option<bool>("--effective") { Description = "Apply the MEMORY_* environment overrides, as the runtime would." };
        var showOrigin = new Option<bool>("--show-origin") { Description = "Print beside each value where it came from: default, FILE:LINE, or env VAR." };
        var format = CommonOptions.Format("yaml", "json");
        var command = new Command("show", "Print a configuration with every default filled in; secrets are redacted.")
        {
            file, effective, showOrigin, format,
        };
        command.SetAction(result => CliAction.Run(context, () =>
            Execute(context, result.GetValue(file)!, result.GetValue(effective), result.GetValue(showOrigin), result.GetValue(format)!)));
        return command;
    }

    private static int Execute(CliContext context, string file, bool effective, bool showOrigin, string format)
    {
        var variables = effective ? context.Variables : new Dictionary<string, string?>();
        var report = ConfigurationLoader.Load(file, new LoadOptions { EnvironmentVariables = variables });
        ReportWriter.WriteIssues(new Painter(context.Error, context.UseColor), report.Issues.Where(i => i.Severity != Validation.IssueSeverity.Info));
        if (!report.Valid || report.Config is null)
        {
            context.Error.WriteLine($"{file}: the configuration has errors; fix them first (memory-config validate {file})");
            return ExitCodes.Failure;
        }

        var document = report.Document;
        var options = new ConfigWriterOptions
        {
            Redact = true,
            Origin = showOrigin ? path => Origin(document?.Find(path)?.Location) : null,
        };
        context.Out.Write(format == "json" ? ConfigWriter.ToJson(report.Config, options) : ConfigWriter.ToYaml(report.Config, options));
        return ExitCodes.Success;
    }

    private static string Origin(SourceLocation? location) => location switch
    {
        { Variable: { } variable } => "env " + variable,
        { HasPosition: true } => $"{location.File}:{location.Line}",
        _ => "default",
    };
}
