using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Documents;
using MemoryTriggers.Validation;
using MemoryTriggers.Validation.Schema;
using Env = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Tests.Validation.Schema;

public sealed class ConfigSchemaGeneratorTests
{
    private static string CheckedInSchemaPath => Path.Combine(RepositoryRoot.Path, "schemas", ConfigSchemaGenerator.FileName);

    [Fact]
    public void GenerateJson_MatchesTheCheckedInSchema()
    {
        var generated = ConfigSchemaGenerator.GenerateJson();
        if (System.Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(CheckedInSchemaPath, generated);
        }

        // When this fails, run the tests once with UPDATE_SCHEMA=1 to regenerate the file, and commit it.
        Assert.Equal(File.ReadAllText(CheckedInSchemaPath), generated);
    }

    [Fact]
    public void GenerateJson_TwoRuns_AreIdentical() =>
        Assert.Equal(ConfigSchemaGenerator.GenerateJson(), ConfigSchemaGenerator.GenerateJson());

    [Theory]
    [InlineData(Env.Development)]
    [InlineData(Env.Testing)]
    [InlineData(Env.Staging)]
    [InlineData(Env.Production)]
    public void Generate_EveryPreset_PassesTheGeneratedSchema(Env environment)
    {
        var issues = new List<ValidationIssue>();
        var document = ConfigDocumentParser.Parse(EnvironmentPresets.GetYaml(environment), "preset.yaml", issues);

        Assert.Empty(new ConfigurationSchemaValidator(ConfigSchemaGenerator.Generate()).Validate(document, strict: true));
    }

    [Fact]
    public void Generate_EveryFieldOfTheModel_HasADescriptionAndDefault()
    {
        var schema = ConfigSchemaGenerator.Generate();

        Assert.All(schema.Properties, p => Assert.False(string.IsNullOrEmpty(p.Value.Description), p.Key));
        Assert.Equal("development", schema.Properties["environment"].Default);
        Assert.Equal(FeatureFlags.All.Order(StringComparer.Ordinal), schema.Properties["features"].Properties.Keys.Order(StringComparer.Ordinal));
    }
}
