using System.Text.Json;
using System.Text.Json.Nodes;

namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>
/// Reads one element of an Interface's contents for <see cref="DtdlReader"/>: its kind and name,
/// what each kind requires and allows (schemas, <c>writable</c>, a Relationship's target,
/// multiplicities and properties, a Command's payloads), and its semantic type and unit.
/// </summary>
public static class DtdlContentReader
{
    private static readonly HashSet<string> ContentKeys = new(StringComparer.Ordinal)
    {
        "@id", "@type", "comment", "description", "displayName", "name", "schema", "writable", "unit",
        "request", "response", "target", "minMultiplicity", "maxMultiplicity", "properties",
    };

    public static DtdlContent? Read(JsonNode? node, string interfaceId, bool quantitative, DtdlSchemaReader schemas, string where, List<string> errors)
    {
        if (node is not JsonObject element)
        {
            errors.Add($"{where}: each element of 'contents' must be an object");
            return null;
        }

        var name = element["name"] is JsonValue nv && nv.TryGetValue<string>(out var n) ? n : null;
        var at = $"{where}, {(name is null ? "an element" : $"'{name}'")}";
        if (!DtdlReader.IsName(name))
        {
            errors.Add($"{at}: 'name' must match ^[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?$ and have at most {DtdlReader.MaxNameLength} characters");
        }

        foreach (var (key, _) in element)
        {
            if (!ContentKeys.Contains(key))
            {
                errors.Add($"{at}: '{key}' is not a property of a content element");
            }
        }

        var types = DtdlReader.Types(element["@type"]);
        if (types.Count == 0 || !Enum.TryParse<DtdlContentKind>(types[0], ignoreCase: false, out var kind) || !Enum.IsDefined(kind))
        {
            errors.Add($"{at}: '@type' must be Property, Telemetry, Command, Relationship or Component (then any semantic types)");
            return null;
        }

        DtdlReader.Localizable(element, "displayName", DtdlReader.MaxDisplayNameLength, at, errors);
        DtdlReader.Localizable(element, "description", DtdlReader.MaxDescriptionLength, at, errors);
        DtdlReader.CheckText(element, "comment", DtdlReader.MaxDescriptionLength, at, errors);
        var schema = ReadContentSchema(element, kind, schemas, at, errors);
        CheckSemanticTypes(element, kind, types.Skip(1).ToList(), schema, quantitative, at, errors);

        var writable = false;
        if (element["writable"] is { } w)
        {
            if (kind is not (DtdlContentKind.Property or DtdlContentKind.Relationship) || w.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add($"{at}: 'writable' is a boolean of Properties and Relationships");
            }
            else
            {
                writable = w.GetValue<bool>();
            }
        }

        string? target = null;
        int? maxMultiplicity = null;
        Dictionary<string, DtdlSchema?>? properties = null;
        if (kind == DtdlContentKind.Relationship)
        {
            (target, maxMultiplicity, properties) = ReadRelationship(element, schemas, at, errors);
        }
        else if (element["target"] is not null || element["minMultiplicity"] is not null || element["maxMultiplicity"] is not null || element["properties"] is not null)
        {
            errors.Add($"{at}: 'target', multiplicities and 'properties' belong to Relationships");
        }

        return name is null ? null : new DtdlContent(kind, name, schema, writable, target, maxMultiplicity, interfaceId, properties);
    }

    private static DtdlSchema? ReadContentSchema(JsonObject element, DtdlContentKind kind, DtdlSchemaReader schemas, string at, List<string> errors)
    {
        switch (kind)
        {
            case DtdlContentKind.Property or DtdlContentKind.Telemetry:
                return element["schema"] is { } schema ? schemas.Read(schema, depth: 1) : DtdlReader.Missing(at, "schema", errors);
            case DtdlContentKind.Component:
                if (element["schema"] is JsonValue v && v.TryGetValue<string>(out var id) && Dtmi.IsValid(id))
                {
                    return new DtdlSchema.Interface(id);
                }

                errors.Add($"{at}: a Component's 'schema' must be the DTMI of an Interface");
                return null;
            case DtdlContentKind.Command:
                foreach (var payload in new[] { "request", "response" })
                {
                    if (element[payload] is JsonObject body)
                    {
                        if (!DtdlReader.IsName(DtdlReader.Text(body["name"])) || body["schema"] is null)
                        {
                            errors.Add($"{at}: a Command's '{payload}' needs a 'name' and a 'schema'");
                        }
                        else
                        {
                            schemas.Read(body["schema"]!, depth: 1);
                        }
                    }
                    else if (element[payload] is not null)
                    {
                        errors.Add($"{at}: a Command's '{payload}' must be an object");
                    }
                }

                return null;
            default:
                if (element["schema"] is not null)
                {
                    errors.Add($"{at}: a Relationship has no 'schema'");
                }

                return null;
        }
    }

    private static (string? Target, int? Max, Dictionary<string, DtdlSchema?>? Properties) ReadRelationship(JsonObject element, DtdlSchemaReader schemas, string at, List<string> errors)
    {
        string? target = null;
        if (element["target"] is { } t)
        {
            if (t is JsonValue tv && tv.TryGetValue<string>(out var id) && Dtmi.IsValid(id))
            {
                target = id;
            }
            else
            {
                errors.Add($"{at}: 'target' must be the DTMI of an Interface");
            }
        }

        if (element["minMultiplicity"] is { } min && (min.GetValueKind() != JsonValueKind.Number || min.GetValue<double>() != 0))
        {
            errors.Add($"{at}: 'minMultiplicity' must be 0");
        }

        int? max = null;
        if (element["maxMultiplicity"] is { } m)
        {
            if (m is JsonValue mv && mv.TryGetValue<int>(out var value) && value >= 1)
            {
                max = value;
            }
            else
            {
                errors.Add($"{at}: 'maxMultiplicity' must be an integer of at least 1");
            }
        }

        Dictionary<string, DtdlSchema?>? declared = null;
        if (element["properties"] is { } properties)
        {
            declared = new Dictionary<string, DtdlSchema?>(StringComparer.Ordinal);
            foreach (var property in properties as JsonArray ?? [])
            {
                if (property is not JsonObject p || !DtdlReader.Types(p["@type"]).SequenceEqual(["Property"]) || !DtdlReader.IsName(DtdlReader.Text(p["name"])) || p["schema"] is null)
                {
                    errors.Add($"{at}: a Relationship's 'properties' are Properties, each with a 'name' and a 'schema'");
                    continue;
                }

                if (!declared.TryAdd(DtdlReader.Text(p["name"])!, schemas.Read(p["schema"]!, depth: 1)))
                {
                    errors.Add($"{at}: the Relationship property '{p["name"]}' is declared twice");
                }
            }

            if (properties is not JsonArray)
            {
                errors.Add($"{at}: a Relationship's 'properties' must be an array");
            }
        }

        return (target, max, declared);
    }

    private static void CheckSemanticTypes(JsonObject element, DtdlContentKind kind, List<string> semanticTypes, DtdlSchema? schema, bool quantitative, string at, List<string> errors)
    {
        var unit = element["unit"] is JsonValue uv && uv.TryGetValue<string>(out var u) ? u : null;
        if (semanticTypes.Count == 0)
        {
            if (element["unit"] is not null)
            {
                errors.Add($"{at}: 'unit' needs a semantic type as co-type (QuantitativeTypes extension)");
            }

            return;
        }

        if (!quantitative)
        {
            errors.Add($"{at}: semantic types need the context {QuantitativeUnits.Context}");
            return;
        }

        if (kind is not (DtdlContentKind.Property or DtdlContentKind.Telemetry) || semanticTypes.Count > 1)
        {
            errors.Add($"{at}: one semantic type may co-type a Property or a Telemetry");
            return;
        }

        var semantic = semanticTypes[0];
        if (!QuantitativeUnits.IsSemanticType(semantic))
        {
            errors.Add($"{at}: '{semantic}' is not a semantic type this node knows");
        }
        else if (unit is null || !QuantitativeUnits.Allows(semantic, unit))
        {
            errors.Add($"{at}: '{unit}' is not a unit of {semantic}");
        }

        if (schema is not DtdlSchema.Primitive p || !DtdlSchema.Numeric.Contains(p.Name))
        {
            errors.Add($"{at}: a semantic type needs a numeric schema");
        }
    }
}
