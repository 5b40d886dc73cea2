using System.Globalization;
using System.Reflection;
using MemoryTriggers.Configuration.Documents;
using NJsonSchema;
using NJsonSchema.Validation;

namespace MemoryTriggers.Validation.Schema;

/// <summary>
/// Checks a configuration document against a JSON Schema (the generated one by default) and reports
/// each violation at the YAML line and column of the offending value.
/// </summary>
public sealed class ConfigurationSchemaValidator
{
    private static readonly Lazy<string> s_builtInText = new(ReadEmbedded);
    private static readonly Lazy<JsonSchema> s_default = new(() => JsonSchema.FromJsonAsync(s_builtInText.Value).GetAwaiter().GetResult());
    private readonly JsonSchema _schema;

    /// <summary>Initializes a new instance of the <see cref="ConfigurationSchemaValidator"/> class with the generated schema.</summary>
    public ConfigurationSchemaValidator()
        : this(s_default.Value)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConfigurationSchemaValidator"/> class with a custom schema.</summary>
    /// <param name="schema">The schema.</param>
    public ConfigurationSchemaValidator(JsonSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
    }

    /// <summary>Gets the text of the built-in schema, <c>schemas/memory-trigger-config.schema.json</c>.</summary>
    public static string BuiltInSchemaText => s_builtInText.Value;

    /// <summary>Loads a schema written as JSON or YAML.</summary>
    /// <param name="text">The schema text.</param>
    /// <param name="sourceName">The schema's file name, for messages.</param>
    /// <param name="issues">Receives a <see cref="IssueCodes.SchemaUnavailable"/> error when the schema cannot be used.</param>
    /// <returns>The validator, or <see langword="null"/> when the schema cannot be used.</returns>
    public static ConfigurationSchemaValidator? FromText(string text, string? sourceName, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(issues);
        var parseIssues = new List<ValidationIssue>();
        var document = ConfigDocumentParser.Parse(text, sourceName, parseIssues);
        if (parseIssues.Count > 0 || document.Root is not ConfigMapping)
        {
            foreach (var issue in parseIssues)
            {
                issues.Add(issue with { Code = IssueCodes.SchemaUnavailable, Message = "the schema is not valid JSON or YAML: " + issue.Message });
            }

            if (parseIssues.Count == 0)
            {
                issues.Add(Unavailable(sourceName, "the schema must be a JSON object"));
            }

            return null;
        }

        try
        {
            return new ConfigurationSchemaValidator(JsonSchema.FromJsonAsync(DocumentJson.Write(document.Root)).GetAwaiter().GetResult());
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException or Newtonsoft.Json.JsonException)
        {
            issues.Add(Unavailable(sourceName, "the schema cannot be used: " + ex.Message));
            return null;
        }
    }

    /// <summary>Validates a document.</summary>
    /// <param name="document">The document, after environment overrides.</param>
    /// <param name="strict">Whether unknown keys are errors rather than warnings.</param>
    /// <returns>The issues, each located in the document.</returns>
    public IReadOnlyList<ValidationIssue> Validate(ConfigDocument document, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Root is not ConfigMapping root)
        {
            return [];
        }

        var issues = new List<ValidationIssue>();
        foreach (var error in _schema.Validate(DocumentJson.Write(root)))
        {
            Collect(error, document, strict, issues);
        }

        return issues;
    }

    /// <summary>Validates a document and reports the outcome in the manner of the comprehensive result.</summary>
    /// <param name="document">The document.</param>
    /// <returns>A report whose <see cref="ValidationReport.SchemaValid"/> says whether the schema holds.</returns>
    public ValidationReport ValidateSchema(ConfigDocument document)
    {
        var issues = Validate(document);
        return new ValidationReport(issues, schemaValid: !issues.Any(i => i.IsError), runtimeValid: true, score: null, config: null);
    }

    private static void Collect(ValidationError error, ConfigDocument document, bool strict, List<ValidationIssue> issues)
    {
        if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
        {
            foreach (var inner in child.Errors.Values.SelectMany(e => e))
            {
                Collect(inner, document, strict, issues);
            }

            return;
        }

        var path = (error.Path ?? string.Empty).TrimStart('#').TrimStart('/');
        var node = document.Find(path);
        var found = node?.Describe() ?? "nothing";
        var schema = error.Schema;
        var (severity, code, message, suggestion) = error.Kind switch
        {
            ValidationErrorKind.NoAdditionalPropertiesAllowed => (
                strict ? IssueSeverity.Error : IssueSeverity.Warning, IssueCodes.UnknownKey,
                $"unknown key '{error.Property}'", "remove it; docs/configuration.md lists every key"),
            ValidationErrorKind.StringExpected or ValidationErrorKind.IntegerExpected or ValidationErrorKind.NumberExpected
                or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
                or ValidationErrorKind.NullExpected or ValidationErrorKind.NoTypeValidates => (
                IssueSeverity.Error, IssueCodes.Type, $"expected {Expected(error.Kind, schema)}, found {found}", "fix the value's type"),
            ValidationErrorKind.NotInEnumeration => (
                IssueSeverity.Error, IssueCodes.Enum, $"{found} is not one of: {string.Join(", ", schema?.Enumeration ?? [])}", "use one of the allowed values"),
            ValidationErrorKind.NumberTooSmall or ValidationErrorKind.NumberTooBig or ValidationErrorKind.IntegerTooBig => (
                IssueSeverity.Error, IssueCodes.Range, $"{path} must be {Bounds(schema)}, found {found}", $"use a value {Bounds(schema)}"),
            ValidationErrorKind.PatternMismatch => (
                IssueSeverity.Error, IssueCodes.Pattern, $"{found} does not match the pattern {schema?.Pattern}", "write the value in the documented form"),
            ValidationErrorKind.PropertyRequired => (
                IssueSeverity.Error, IssueCodes.Required, $"the required key '{error.Property}' is missing", $"add '{error.Property}'"),
            _ => (IssueSeverity.Error, IssueCodes.Schema, $"schema rule {error.Kind} failed at {path}, found {found}", "check the value against the schema"),
        };
        issues.Add(new ValidationIssue(severity, code, path, message)
        {
            Suggestion = suggestion,
            Location = error.Kind is ValidationErrorKind.NoAdditionalPropertiesAllowed ? document.LocateKey(path) ?? document.Locate(path) : document.Locate(path),
        });
    }

    private static string Expected(ValidationErrorKind kind, JsonSchema? schema) => kind switch
    {
        ValidationErrorKind.StringExpected => "a string",
        ValidationErrorKind.IntegerExpected => "a whole number",
        ValidationErrorKind.NumberExpected => "a number",
        ValidationErrorKind.BooleanExpected => "true or false",
        ValidationErrorKind.ObjectExpected => "a mapping",
        ValidationErrorKind.ArrayExpected => "a list",
        ValidationErrorKind.NullExpected => "null",
        _ => schema?.Type.ToString().ToLowerInvariant() ?? "another type",
    };

    private static string Bounds(JsonSchema? schema) => schema switch
    {
        { Minimum: { } min, Maximum: { } max } => string.Create(CultureInfo.InvariantCulture, $"between {min:0.###} and {max:0.###}"),
        { Minimum: { } min } => string.Create(CultureInfo.InvariantCulture, $"at least {min:0.###}"),
        { Maximum: { } max } => string.Create(CultureInfo.InvariantCulture, $"at most {max:0.###}"),
        _ => "in range",
    };

    private static ValidationIssue Unavailable(string? sourceName, string message) =>
        new(IssueSeverity.Error, IssueCodes.SchemaUnavailable, string.Empty, message)
        {
            Location = SourceLocation.At(sourceName, 1, 1),
            Suggestion = "pass a JSON Schema (draft 4 to 7) written as JSON or YAML",
        };

    private static string ReadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ConfigSchemaGenerator.FileName)
            ?? throw new InvalidOperationException("The embedded configuration schema is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
