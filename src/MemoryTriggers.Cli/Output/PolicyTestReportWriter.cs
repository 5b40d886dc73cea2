using System.Globalization;
using System.Text.Json;
using MemoryTriggers.Policies.Testing;

namespace MemoryTriggers.Cli.Output;

/// <summary>Renders a policy test report: pass or fail per case with the reasons, and rule coverage.</summary>
internal static class PolicyTestReportWriter
{
    public static void WriteText(Painter painter, PolicyTestReport report)
    {
        if (report.PolicyIssues.Count > 0)
        {
            ReportWriter.WriteIssues(painter, report.PolicyIssues);
            painter.Line(("FAIL", "red bold"), (" the policies under test have errors; no case ran", null));
            return;
        }

        foreach (var testCase in report.Cases)
        {
            painter.Line((testCase.Passed ? "PASS " : "FAIL ", testCase.Passed ? "green bold" : "red bold"), (testCase.Name, null));
            foreach (var failure in testCase.Failures)
            {
                painter.Line("     " + failure);
            }
        }

        var passed = report.Cases.Count(c => c.Passed);
        painter.Line(string.Create(CultureInfo.InvariantCulture, $"{passed} of {report.Cases.Count} cases passed; rule coverage {report.FiredRules.Count}/{report.Rules.Count} ({report.Coverage:P0})"));
        var unfired = report.Rules.Except(report.FiredRules).ToArray();
        if (unfired.Length > 0)
        {
            painter.Line("never fired: " + string.Join(", ", unfired));
        }
    }

    public static string Json(PolicyTestReport report)
    {
        return PlainJson.Document(json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("passed", report.Passed);
            json.WriteStartArray("cases");
            foreach (var testCase in report.Cases)
            {
                json.WriteStartObject();
                json.WriteString("name", testCase.Name);
                json.WriteBoolean("passed", testCase.Passed);
                json.WritePlain("failures", testCase.Failures);
                json.WritePlain("fired", testCase.Decision.FiredRules.ToArray());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("coverage");
            json.WriteNumber("rules", report.Rules.Count);
            json.WriteNumber("fired", report.FiredRules.Count);
            json.WritePlain("never_fired", report.Rules.Except(report.FiredRules).ToArray());
            json.WriteEndObject();
            json.WritePlain("policy_issues", report.PolicyIssues.Select(i => i.ToString()).ToArray());
            json.WriteEndObject();
        }) + "\n";
    }
}
