using System.Globalization;
using System.Text.Json;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.TestSupport.Contract;

namespace UrbanTwin.Contracts.Tests.Schemas;

/// <summary>The C# field catalogue (<see cref="ContractSchemas"/>) and the JSON Schema files say the same, field by field.</summary>
public sealed class CatalogueSchemaTests
{
    public static TheoryData<string> Schemas => new(ContractSchemas.All.Select(s => s.SchemaFile));

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Every_field_has_the_same_type_range_unit_and_classification(string schemaFile)
    {
        var schema = ContractSchemas.All.Single(s => s.SchemaFile == schemaFile);
        using var document = JsonDocument.Parse(File.ReadAllText(SchemaFiles.PathOf(schemaFile)));
        var root = document.RootElement;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        var objectSchema = schema.AllowsBatch ? root.GetProperty("$defs").GetProperty("reading") : root;

        Assert.Equal("object", objectSchema.GetProperty("type").GetString());
        Assert.False(objectSchema.GetProperty("additionalProperties").GetBoolean(), $"{schemaFile}: unknown fields must be rejected");
        var properties = objectSchema.GetProperty("properties");
        var schemaNames = properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(schema.Fields.Select(f => f.Name).Order(StringComparer.Ordinal), schemaNames);

        var required = objectSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(schema.Fields.Where(f => f.Required).Select(f => f.Name).Order(StringComparer.Ordinal), required);

        foreach (var field in schema.Fields)
        {
            var property = properties.GetProperty(field.Name);
            var where = $"{schemaFile}.{field.Name}";
            Assert.True(property.TryGetProperty("description", out _), where + ": description");
            Assert.Equal(field.Classification.ToString().ToLowerInvariant(), property.GetProperty("x-classification").GetString());
            Assert.True(property.TryGetProperty("x-unit", out _), where + ": x-unit");

            switch (field.Type)
            {
                case FieldType.Number:
                case FieldType.Integer:
                case FieldType.Sequence:
                    Assert.Equal(ExpectedTypes(field), Types(property));
                    Assert.True(field.Min == property.GetProperty("minimum").GetDouble(), $"{where}: minimum {field.Min} vs {property.GetProperty("minimum")}");
                    Assert.True(field.Max == property.GetProperty("maximum").GetDouble(), $"{where}: maximum {field.Max} vs {property.GetProperty("maximum")}");
                    if (field.Type != FieldType.Sequence)
                    {
                        Assert.Equal(field.Unit, property.GetProperty("x-unit").GetString());
                    }

                    break;
                case FieldType.Timestamp:
                    var forms = property.GetProperty("oneOf").EnumerateArray().ToList();
                    Assert.Contains(forms, f => f.GetProperty("type").GetString() == "string" && f.GetProperty("format").GetString() == "date-time");
                    var integer = Assert.Single(forms, f => f.GetProperty("type").GetString() == "integer");
                    Assert.Equal(field.Max.ToString(CultureInfo.InvariantCulture), integer.GetProperty("maximum").GetRawText());
                    break;
                case FieldType.Text:
                    Assert.Equal("string", property.GetProperty("type").GetString());
                    var rule = field.TextRule!;
                    if (rule.AllowedValues is { } allowed)
                    {
                        Assert.Equal(allowed, property.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
                    }
                    else
                    {
                        Assert.Equal(rule.Pattern, property.GetProperty("pattern").GetString());
                    }

                    break;
            }
        }
    }

    private static List<string> ExpectedTypes(ContractField field)
    {
        var type = field.Type is FieldType.Integer or FieldType.Sequence ? "integer" : "number";
        return field.Nullable ? [type, "null"] : [type];
    }

    private static List<string> Types(JsonElement property)
    {
        var type = property.GetProperty("type");
        return type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(e => e.GetString()!)] : [type.GetString()!];
    }
}
