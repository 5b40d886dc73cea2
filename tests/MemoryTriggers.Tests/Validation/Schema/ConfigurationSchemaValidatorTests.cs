using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Validation;
using MemoryTriggers.Validation.Schema;

namespace MemoryTriggers.Tests.Validation.Schema;

public sealed class ConfigurationSchemaValidatorTests
{
    private const string JsonSchema = """
        {
          "type": "object",
          "required": ["owner"],
          "properties": {
            "environment": { "enum": ["production"] },
            "owner": { "type": "string" }
          }
        }
        """;

    private const string YamlSchema = """
        type: object
        required: [owner]
        properties:
          environment:
            enum: [production]
          owner:
            type: string
        """;

    private const string Config = "environment: development\nperformance:\n  batch_size: 50\n";

    private static ConfigDocument Parse(string text)
    {
        var issues = new List<ValidationIssue>();
        var document = ConfigDocumentParser.Parse(text, "config.yaml", issues);
        Assert.Empty(issues);
        return document;
    }

    private static ConfigurationSchemaValidator FromText(string text)
    {
        var issues = new List<ValidationIssue>();
        var validator = ConfigurationSchemaValidator.FromText(text, "schema", issues);
        Assert.Empty(issues);
        return Assert.IsType<ConfigurationSchemaValidator>(validator);
    }

    [Theory]
    [InlineData(JsonSchema)]
    [InlineData(YamlSchema)]
    public void FromText_JsonOrYamlSchema_ValidatesAgainstIt(string schema)
    {
        var issues = FromText(schema).Validate(Parse(Config));

        var enumIssue = Assert.Single(issues, i => i.Code == IssueCodes.Enum);
        Assert.Equal(("environment", 1, 14), (enumIssue.Path, enumIssue.Line ?? 0, enumIssue.Column ?? 0));
        var required = Assert.Single(issues, i => i.Code == IssueCodes.Required);
        Assert.Contains("'owner'", required.Message, StringComparison.Ordinal);
        Assert.Equal(2, issues.Count);
    }

    [Fact]
    public void FromText_SchemaSatisfied_ReportsNothing() =>
        Assert.Empty(FromText(YamlSchema).Validate(Parse("environment: production\nowner: team-memory\n")));

    [Fact]
    public void LoadFromString_CustomSchema_ReplacesTheBuiltInOne()
    {
        var options = new LoadOptions { EnvironmentVariables = new Dictionary<string, string?>(), Schema = FromText(YamlSchema) };

        var report = ConfigurationLoader.LoadFromString(Config, "config.yaml", options);

        Assert.Contains(report.Errors, i => i.Code == IssueCodes.Required);
        Assert.False(report.SchemaValid);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("type: object\n  bad: indentation\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("")]
    [InlineData("just a string")]
    [InlineData("{\"$ref\": \"#/definitions/missing\"}")]
    [InlineData("{\"properties\": 5}")]
    [InlineData("{\"required\": \"owner\"}")]
    [InlineData("{\"properties\": {\"a\": {\"minimum\": \"x\"}}}")]
    public void FromText_UnusableSchema_ReportsSchemaLoadIssue(string text)
    {
        var issues = new List<ValidationIssue>();

        var validator = ConfigurationSchemaValidator.FromText(text, "bad-schema.json", issues);

        Assert.Null(validator);
        var issue = Assert.Single(issues);
        Assert.Equal((IssueCodes.SchemaUnavailable, IssueSeverity.Error, "bad-schema.json"), (issue.Code, issue.Severity, issue.File));
    }

    [Fact]
    public void Validate_ValueOutOfRange_IsLocatedAtTheYamlValue()
    {
        var issue = Assert.Single(new ConfigurationSchemaValidator().Validate(Parse("# comment\nperformance:\n  batch_size: 5000\n")));

        Assert.Equal((IssueCodes.Range, "performance.batch_size", 3, 15), (issue.Code, issue.Path, issue.Line ?? 0, issue.Column ?? 0));
        Assert.Contains("between 1 and 1000", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrongTypeInList_IsLocatedAtTheItem()
    {
        var issue = Assert.Single(new ConfigurationSchemaValidator().Validate(Parse("monitoring:\n  alert_channels:\n    - slack\n    - 42\n")));

        Assert.Equal((IssueCodes.Type, "monitoring.alert_channels[1]", 4, 7), (issue.Code, issue.Path, issue.Line ?? 0, issue.Column ?? 0));
    }

    [Fact]
    public void Validate_PatternMismatch_IsLocatedAtTheValue()
    {
        var issue = Assert.Single(new ConfigurationSchemaValidator().Validate(Parse("config_version: \"1.0.0\"\n")));

        Assert.Equal((IssueCodes.Pattern, "config_version", 1, 17), (issue.Code, issue.Path, issue.Line ?? 0, issue.Column ?? 0));
    }

    [Theory]
    [InlineData(false, IssueSeverity.Warning)]
    [InlineData(true, IssueSeverity.Error)]
    public void Validate_UnknownKey_IsLocatedAtTheKeyAndStrictMakesItAnError(bool strict, IssueSeverity severity)
    {
        var issue = Assert.Single(new ConfigurationSchemaValidator().Validate(Parse("performance:\n  batch_size: 5\n  batchsize: 1\n"), strict));

        Assert.Equal((IssueCodes.UnknownKey, "performance.batchsize", 3, 3, severity), (issue.Code, issue.Path, issue.Line ?? 0, issue.Column ?? 0, issue.Severity));
    }

    [Fact]
    public void Validate_NullValues_AreTreatedAsNotGiven() =>
        Assert.Empty(new ConfigurationSchemaValidator().Validate(Parse("performance:\nlifecycle:\n  archive_backend: null\nbackend:\n  encryption_key_path: ~\n")));

    [Fact]
    public void Validate_RootNotAMapping_ReportsNothing() =>
        Assert.Empty(new ConfigurationSchemaValidator().Validate(Parse("- a\n")));

    [Fact]
    public void ValidateSchema_Violation_ReportsSchemaInvalid()
    {
        var report = new ConfigurationSchemaValidator().ValidateSchema(Parse("performance:\n  batch_size: 0\n"));

        Assert.False(report.SchemaValid);
        Assert.False(report.Valid);
        Assert.Equal(IssueCodes.Range, Assert.Single(report.Issues).Code);
    }

    [Fact]
    public void ValidateSchema_Clean_ReportsSchemaValid() =>
        Assert.True(new ConfigurationSchemaValidator().ValidateSchema(Parse(Config)).SchemaValid);
}
