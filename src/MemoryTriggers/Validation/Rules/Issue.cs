namespace MemoryTriggers.Validation.Rules;

/// <summary>Shorthands for the rules.</summary>
internal static class Issue
{
    public static ValidationIssue Error(string code, string path, string message, string suggestion) =>
        new(IssueSeverity.Error, code, path, message) { Suggestion = suggestion };

    public static ValidationIssue Warning(string code, string path, string message, string suggestion) =>
        new(IssueSeverity.Warning, code, path, message) { Suggestion = suggestion };

    public static ValidationIssue Info(string code, string path, string message, string suggestion) =>
        new(IssueSeverity.Info, code, path, message) { Suggestion = suggestion };
}
