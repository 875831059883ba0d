using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using UrbanTwin.TwinApi.DigitalTwins.Models;

namespace UrbanTwin.TwinApi.DigitalTwins.Twins;

/// <summary>Checks a JSON value against a DTDL schema, naming what is wrong and where.</summary>
public static class SchemaValues
{
    public static void Check(JsonNode? value, DtdlSchema? schema, string path, List<string> errors)
    {
        if (schema is null)
        {
            return;
        }

        if (value is null)
        {
            errors.Add($"{path}: null is not a value (remove the property instead)");
            return;
        }

        switch (schema)
        {
            case DtdlSchema.Primitive primitive:
                if (!IsPrimitive(value, primitive.Name))
                {
                    errors.Add($"{path}: expected a value of schema {primitive.Name}");
                }

                break;
            case DtdlSchema.Enum e:
                object? given = e.ValueSchema == "string"
                    ? value is JsonValue s && s.TryGetValue<string>(out var text) ? text : null
                    : value is JsonValue n && n.GetValueKind() == JsonValueKind.Number && n.TryGetValue<int>(out var number) ? number : null;
                if (given is null || !e.Values.Contains(given))
                {
                    errors.Add($"{path}: expected one of {string.Join(", ", e.Values)}");
                }

                break;
            case DtdlSchema.Array array:
                if (value is not JsonArray items)
                {
                    errors.Add($"{path}: expected an array");
                    break;
                }

                for (var i = 0; i < items.Count; i++)
                {
                    Check(items[i], array.Element, $"{path}[{i}]", errors);
                }

                break;
            case DtdlSchema.Map map:
                if (value is not JsonObject entries)
                {
                    errors.Add($"{path}: expected an object (a map)");
                    break;
                }

                foreach (var (key, entry) in entries)
                {
                    Check(entry, map.Value, $"{path}.{key}", errors);
                }

                break;
            case DtdlSchema.Object shape:
                if (value is not JsonObject fields)
                {
                    errors.Add($"{path}: expected an object");
                    break;
                }

                foreach (var (key, field) in fields)
                {
                    if (!shape.Fields.TryGetValue(key, out var fieldSchema))
                    {
                        errors.Add($"{path}.{key}: not a field of the object");
                    }
                    else
                    {
                        Check(field, fieldSchema, $"{path}.{key}", errors);
                    }
                }

                break;
        }
    }

    private static bool IsPrimitive(JsonNode value, string name)
    {
        if (DtdlSchema.Geospatial.Contains(name))
        {
            return value is JsonObject geometry && geometry["coordinates"] is JsonArray
                && string.Equals(geometry["type"] is JsonValue t && t.TryGetValue<string>(out var type) ? type : null, name, StringComparison.OrdinalIgnoreCase);
        }

        if (value is not JsonValue v)
        {
            return false;
        }

        var kind = v.GetValueKind();
        return name switch
        {
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "double" or "float" => kind == JsonValueKind.Number,
            "integer" => kind == JsonValueKind.Number && v.TryGetValue<int>(out _),
            "long" => kind == JsonValueKind.Number && v.TryGetValue<long>(out _),
            _ when kind != JsonValueKind.String => false,
            "string" => true,
            "date" => DateOnly.TryParseExact(v.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "time" => TimeOnly.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "dateTime" => DateTimeOffset.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
            "duration" => IsDuration(v.GetValue<string>()),
            _ => false,
        };
    }

    private static bool IsDuration(string text)
    {
        try
        {
            XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
