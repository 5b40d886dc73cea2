using System.Globalization;
using System.Text.Json;
using MemoryTriggers.Configuration;
using MemoryTriggers.Validation;

namespace MemoryTriggers.Cli.Output;

/// <summary>Renders a validation report as text for people or JSON for machines.</summary>
internal static class ReportWriter
{
    /// <summary>Writes each issue as <c>FILE:LINE:COL severity CODE path: message</c> with its suggestion beneath.</summary>
    public static void WriteIssues(Painter painter, IEnumerable<ValidationIssue> issues)
    {
        foreach (var issue in issues)
        {
            var where = issue.Location.Variable is not null ? $"env {issue.Location.Variable}"
                : issue.Location.HasPosition ? $"{issue.File}:{issue.Line}:{issue.Column}"
                : issue.File ?? "<config>";
            var path = issue.Path.Length == 0 ? string.Empty : " " + issue.Path;
            painter.Line(
                (where + " ", "bold"),
                (Severity(issue.Severity), SeverityStyle(issue.Severity)),
                ($" {issue.Code}{path}: {issue.Message}", null));
            if (issue.Suggestion is { } suggestion)
            {
                painter.Line(("    suggestion: ", "grey"), (suggestion, null));
            }
        }
    }

    /// <summary>Writes the issues and a summary: status, stage results, score and the factors that cost points, counts.</summary>
    public static void WriteText(Painter painter, ValidationReport report)
    {
        WriteIssues(painter, report.Issues);
        if (report.Issues.Count > 0)
        {
            painter.Line(string.Empty);
        }

        painter.Line(("Status: ", null), (report.Valid ? "VALID" : "INVALID", report.Valid ? "green bold" : "red bold"),
            ($" (schema {(report.SchemaValid ? "valid" : "invalid")}, runtime {(report.RuntimeValid ? "valid" : "invalid")})", null));
        if (report.Score is { } score)
        {
            painter.Line(string.Create(CultureInfo.InvariantCulture, $"Performance score: {score.Value:0.000}"));
            foreach (var factor in score.Factors.Where(f => f.Multiplier < 1.0))
            {
                painter.Line(string.Create(CultureInfo.InvariantCulture, $"  x{factor.Multiplier:0.###} {factor.Name}: {factor.Reason}"));
            }
        }

        painter.Line($"Issues: {Count(report.Errors.Count, "error")}, {Count(report.Warnings.Count, "warning")}, {report.Infos.Count} info");
    }

    /// <summary>Writes the report as JSON with the documented keys.</summary>
    public static void WriteJson(TextWriter output, ValidationReport report, string file, IReadOnlyList<ValidationIssue>? policyIssues = null)
    {
        output.WriteLine(PlainJson.Document(json =>
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteBoolean("valid", report.Valid && !(policyIssues ?? []).Any(i => i.IsError));
            json.WriteBoolean("schema_valid", report.SchemaValid);
            json.WriteBoolean("runtime_valid", report.RuntimeValid);
            json.WriteNumber("performance_score", report.PerformanceScore);
            json.WriteStartArray("score_factors");
            foreach (var factor in report.Score?.Factors ?? ValueList<ScoreFactor>.Empty)
            {
                json.WriteStartObject();
                json.WriteString("name", factor.Name);
                json.WriteNumber("multiplier", factor.Multiplier);
                json.WriteString("reason", factor.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("issues");
            foreach (var issue in report.Issues)
            {
                WriteIssue(json, issue);
            }

            json.WriteEndArray();
            if (policyIssues is not null)
            {
                json.WriteStartArray("policy_issues");
                foreach (var issue in policyIssues)
                {
                    WriteIssue(json, issue);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }));
    }

    public static void WriteIssue(Utf8JsonWriter json, ValidationIssue issue)
    {
        json.WriteStartObject();
        json.WriteString("severity", Severity(issue.Severity));
        json.WriteString("code", issue.Code);
        json.WriteString("path", issue.Path);
        WriteNullableNumber(json, "line", issue.Line);
        WriteNullableNumber(json, "column", issue.Column);
        json.WriteString("message", issue.Message);
        if (issue.Suggestion is null)
        {
            json.WriteNull("suggestion");
        }
        else
        {
            json.WriteString("suggestion", issue.Suggestion);
        }

        if (issue.Location.Variable is { } variable)
        {
            json.WriteString("variable", variable);
        }

        if (issue.File is { } issueFile)
        {
            json.WriteString("file", issueFile);
        }

        json.WriteEndObject();
    }

    private static void WriteNullableNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Severity(IssueSeverity severity) => severity switch
    {
        IssueSeverity.Error => "error",
        IssueSeverity.Warning => "warning",
        _ => "info",
    };

    private static string SeverityStyle(IssueSeverity severity) => severity switch
    {
        IssueSeverity.Error => "red bold",
        IssueSeverity.Warning => "yellow",
        _ => "blue",
    };
}
