using System.Text.Json;
using System.Text.Json.Nodes;

namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>
/// Reads the schemas of one Interface: primitives, Enums, Arrays, Maps and Objects, nested at
/// most <see cref="MaxDepth"/> levels, and the complex schemas its <c>schemas</c> defines for
/// reuse by DTMI (which must be defined before they are used, within the Interface).
/// </summary>
public sealed class DtdlSchemaReader(string where, List<string> errors)
{
    public const int MaxDepth = 5;

    private readonly Dictionary<string, DtdlSchema> _defined = new(StringComparer.Ordinal);

    public void ReadDefinitions(JsonNode? node)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonArray array)
        {
            errors.Add($"{where}: 'schemas' must be an array");
            return;
        }

        foreach (var item in array)
        {
            var id = (item as JsonObject)?["@id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (!Dtmi.IsValid(id))
            {
                errors.Add($"{where}: each entry of 'schemas' needs an '@id' (a DTMI)");
                continue;
            }

            if (item is not JsonObject || Read(item, depth: 1) is not { } schema)
            {
                continue;
            }

            if (!_defined.TryAdd(id!, schema))
            {
                errors.Add($"{where}: the schema '{id}' is defined twice");
            }
        }
    }

    public DtdlSchema? Read(JsonNode node, int depth)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var name))
        {
            if (DtdlSchema.Primitives.Contains(name))
            {
                return new DtdlSchema.Primitive(name);
            }

            if (_defined.TryGetValue(name, out var defined))
            {
                return defined;
            }

            return Fail($"'{name}' is neither a primitive schema nor a schema this Interface defines");
        }

        if (node is not JsonObject complex)
        {
            return Fail("a schema must be a primitive's name, a DTMI or a complex schema object");
        }

        if (depth > MaxDepth)
        {
            return Fail($"complex schemas nest at most {MaxDepth} levels");
        }

        return DtdlReader.Types(complex["@type"]) switch
        {
            ["Enum"] => ReadEnum(complex),
            ["Array"] => complex["elementSchema"] is { } element && Read(element, depth + 1) is { } e ? new DtdlSchema.Array(e) : Fail("an Array needs an 'elementSchema'"),
            ["Map"] => ReadMap(complex, depth),
            ["Object"] => ReadObject(complex, depth),
            _ => Fail("a complex schema's '@type' must be Enum, Array, Map or Object"),
        };
    }

    private DtdlSchema? ReadEnum(JsonObject schema)
    {
        var valueSchema = schema["valueSchema"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (valueSchema is not ("integer" or "string"))
        {
            return Fail("an Enum's 'valueSchema' must be integer or string");
        }

        var values = new List<object>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in schema["enumValues"] as JsonArray ?? [])
        {
            var name = (item as JsonObject)?["name"] is JsonValue nv && nv.TryGetValue<string>(out var n) ? n : null;
            var enumValue = (item as JsonObject)?["enumValue"];
            object? parsed = valueSchema == "string"
                ? enumValue is JsonValue sv && sv.TryGetValue<string>(out var text) ? text : null
                : enumValue is JsonValue iv && iv.GetValueKind() == JsonValueKind.Number && iv.TryGetValue<int>(out var number) ? number : null;
            if (!DtdlReader.IsName(name) || parsed is null)
            {
                return Fail($"each Enum value needs a 'name' and an 'enumValue' of its valueSchema ({valueSchema})");
            }

            if (!names.Add(name!) || values.Contains(parsed))
            {
                return Fail($"the Enum value '{name}' is given twice");
            }

            values.Add(parsed);
        }

        return schema["enumValues"] is JsonArray ? new DtdlSchema.Enum(valueSchema, values) : Fail("an Enum needs 'enumValues'");
    }

    private DtdlSchema? ReadMap(JsonObject schema, int depth)
    {
        if (schema["mapKey"] is not JsonObject key || !DtdlReader.IsName(DtdlReader.Text(key["name"])) || DtdlReader.Text(key["schema"]) != "string")
        {
            return Fail("a Map's 'mapKey' needs a 'name' and the schema string");
        }

        if (schema["mapValue"] is not JsonObject value || !DtdlReader.IsName(DtdlReader.Text(value["name"])) || value["schema"] is null)
        {
            return Fail("a Map's 'mapValue' needs a 'name' and a 'schema'");
        }

        return Read(value["schema"]!, depth + 1) is { } mapped ? new DtdlSchema.Map(mapped) : null;
    }

    private DtdlSchema? ReadObject(JsonObject schema, int depth)
    {
        var fields = new Dictionary<string, DtdlSchema>(StringComparer.Ordinal);
        foreach (var field in schema["fields"] as JsonArray ?? [])
        {
            var name = (field as JsonObject)?["name"] is JsonValue nv && nv.TryGetValue<string>(out var n) ? n : null;
            if (!DtdlReader.IsName(name) || (field as JsonObject)?["schema"] is not { } fieldSchema)
            {
                return Fail("each field of an Object needs a 'name' and a 'schema'");
            }

            if (Read(fieldSchema, depth + 1) is not { } read)
            {
                return null;
            }

            if (!fields.TryAdd(name!, read))
            {
                return Fail($"the field '{name}' is declared twice");
            }
        }

        return schema["fields"] is JsonArray ? new DtdlSchema.Object(fields) : Fail("an Object needs 'fields'");
    }

    private DtdlSchema? Fail(string problem)
    {
        errors.Add($"{where}: {problem}");
        return null;
    }
}
