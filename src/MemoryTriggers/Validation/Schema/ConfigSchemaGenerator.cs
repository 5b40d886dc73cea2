using System.Text.Json;
using System.Text.Json.Serialization;
using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Binding;
using NJsonSchema;
using NJsonSchema.Generation;

namespace MemoryTriggers.Validation.Schema;

/// <summary>
/// Generates the JSON Schema of the configuration from the model types with NJsonSchema. The
/// checked-in <c>schemas/memory-trigger-config.schema.json</c> is this output; a test keeps it current.
/// </summary>
public static class ConfigSchemaGenerator
{
    /// <summary>The schema's file name, also used in the <c>yaml-language-server</c> modeline.</summary>
    public const string FileName = "memory-trigger-config.schema.json";

    /// <summary>Generates the schema.</summary>
    /// <returns>The schema.</returns>
    public static JsonSchema Generate()
    {
        var settings = new SystemTextJsonSchemaGeneratorSettings
        {
            SerializerOptions = new JsonSerializerOptions
            {
                PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
                Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
            },
            AllowReferencesWithProperties = true,
            SchemaType = SchemaType.JsonSchema,
        };
        var schema = JsonSchema.FromType<MemoryTriggerConfig>(settings);
        schema.Title = "MemoryTriggers configuration";
        schema.Description = "One environment's memory trigger configuration. See docs/configuration.md.";
        Complete(schema, typeof(MemoryTriggerConfig), new MemoryTriggerConfig());
        Complete(schema.Definitions[nameof(TriggerPolicyConfig)], typeof(TriggerPolicyConfig), new TriggerPolicyConfig());
        Complete(schema.Definitions[nameof(AlertChannelConfig)], typeof(AlertChannelConfig), new AlertChannelConfig());
        return schema;
    }

    /// <summary>Generates the schema as indented JSON with a final newline.</summary>
    /// <returns>The schema text.</returns>
    public static string GenerateJson() => Generate().ToJson().ReplaceLineEndings("\n") + "\n";

    /// <summary>Adds what NJsonSchema cannot infer: maps, allowed strings and defaults.</summary>
    private static void Complete(JsonSchema schema, Type type, object defaults)
    {
        foreach (var field in ConfigModel.Fields(type))
        {
            var property = schema.Properties[field.Key];
            switch (field.Kind)
            {
                case FieldKind.Section:
                    var definition = property.Reference ?? property.OneOf.Select(s => s.Reference).FirstOrDefault(r => r is not null);
                    Complete(definition!, field.ItemType!, field.GetValue(defaults)!);
                    continue;
                case FieldKind.SectionMap:
                    var item = property.Item?.Reference ?? property.Item;
                    property.Type = JsonObjectType.Object;
                    property.Item = null;
                    property.AdditionalPropertiesSchema = new JsonSchema { Reference = item };
                    property.AllowAdditionalProperties = true;
                    continue;
                case FieldKind.BooleanMap:
                    property.Type = JsonObjectType.Object;
                    property.Item = null;
                    property.AdditionalPropertiesSchema = new JsonSchema { Type = JsonObjectType.Boolean };
                    property.AllowAdditionalProperties = true;
                    foreach (var name in FeatureFlags.All)
                    {
                        property.Properties[name] = new JsonSchemaProperty { Type = JsonObjectType.Boolean, Default = true };
                    }

                    continue;
                case FieldKind.AnyMap:
                    property.Type = JsonObjectType.Object;
                    property.Item = null;
                    property.AdditionalPropertiesSchema = new JsonSchema();
                    property.AllowAdditionalProperties = true;
                    property.Default = new Dictionary<string, object>();
                    continue;
            }

            if (field.AllowedValues is { } allowed)
            {
                foreach (var value in allowed)
                {
                    property.Enumeration.Add(value);
                }
            }

            property.Default = field.GetValue(defaults) switch
            {
                Enum e => ConfigModel.EnumName(e),
                ValueList<string> list => list.ToArray(),
                var value => value,
            };
        }
    }
}
