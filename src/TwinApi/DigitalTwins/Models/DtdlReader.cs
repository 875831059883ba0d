using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>
/// Reads one DTDL Interface and checks the rules that concern it alone (DTDL v3, and v2 as Azure
/// Digital Twins accepts it): the context, the <c>@id</c>, names, the kinds of contents and what
/// each requires, schemas (<see cref="DtdlSchemaReader"/>), semantic types and their units. What
/// needs the other Interfaces (extends, targets, components, inherited names) is
/// <see cref="DtdlModelSet"/>'s. Every problem found is reported, not only the first.
/// </summary>
public static partial class DtdlReader
{
    public const string ContextV3 = "dtmi:dtdl:context;3";
    public const string ContextV2 = "dtmi:dtdl:context;2";
    public const int MaxNameLength = 512;
    public const int MaxDisplayNameLength = 64;
    public const int MaxDescriptionLength = 512;

    private static readonly HashSet<string> InterfaceKeys = new(StringComparer.Ordinal)
    {
        "@context", "@id", "@type", "comment", "contents", "description", "displayName", "extends", "schemas",
    };

    public static DtdlInterface? Read(JsonNode? node, List<string> errors)
    {
        if (node is not JsonObject model)
        {
            errors.Add("a model must be a JSON object (a DTDL Interface)");
            return null;
        }

        var id = model["@id"] is JsonValue idValue && idValue.TryGetValue<string>(out var text) ? text : null;
        var where = id ?? "an Interface";
        if (!Dtmi.IsValid(id, Dtmi.MaxInterfaceIdLength))
        {
            errors.Add($"{where}: '@id' must be a DTMI of at most {Dtmi.MaxInterfaceIdLength} characters (dtmi:segment:segment;version)");
        }

        var extensions = ReadContext(model["@context"], where, errors);
        if (!Types(model["@type"]).SequenceEqual(["Interface"]))
        {
            errors.Add($"{where}: '@type' must be \"Interface\"");
        }

        foreach (var (key, _) in model)
        {
            if (!InterfaceKeys.Contains(key))
            {
                errors.Add($"{where}: '{key}' is not a property of an Interface");
            }
        }

        var displayName = Localizable(model, "displayName", MaxDisplayNameLength, where, errors);
        var description = Localizable(model, "description", MaxDescriptionLength, where, errors);
        CheckText(model, "comment", MaxDescriptionLength, where, errors);
        var extends = ReadExtends(model["extends"], where, errors);
        var schemas = new DtdlSchemaReader(where, errors);
        schemas.ReadDefinitions(model["schemas"]);

        var contents = new List<DtdlContent>();
        if (model["contents"] is { } list)
        {
            if (list is not JsonArray array)
            {
                errors.Add($"{where}: 'contents' must be an array");
            }
            else
            {
                foreach (var element in array)
                {
                    if (DtdlContentReader.Read(element, id ?? "", extensions, schemas, where, errors) is { } content)
                    {
                        if (contents.Exists(c => c.Name == content.Name))
                        {
                            errors.Add($"{where}: the name '{content.Name}' is used twice in its contents");
                        }

                        contents.Add(content);
                    }
                }
            }
        }

        return id is null ? null : new DtdlInterface(id, extends, contents, displayName, description, model);
    }

    /// <summary>The node's text, or null when it is not a JSON string.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool IsName(string? name) => name is { Length: > 0 and <= MaxNameLength } && NamePattern().IsMatch(name);

    /// <summary>The <c>@type</c> as a list: a string, or an array of strings (co-types).</summary>
    public static IReadOnlyList<string> Types(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonArray a when a.All(e => e is JsonValue ev && ev.GetValueKind() == JsonValueKind.String) => [.. a.Select(e => e!.GetValue<string>())],
        _ => [],
    };

    /// <summary>Whether the QuantitativeTypes extension is in the context.</summary>
    private static bool ReadContext(JsonNode? node, string where, List<string> errors)
    {
        var entries = node switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => [s],
            JsonArray a => a.Select(e => e is JsonValue ev && ev.TryGetValue<string>(out var s) ? s : "").ToList(),
            _ => new List<string>(),
        };
        if (entries.Count == 0 || entries[0] is not (ContextV3 or ContextV2))
        {
            errors.Add($"{where}: '@context' must start with \"{ContextV3}\" (or \"{ContextV2}\")");
            return false;
        }

        var quantitative = false;
        foreach (var extra in entries.Skip(1))
        {
            if (extra == QuantitativeUnits.Context && entries[0] == ContextV3)
            {
                quantitative = true;
            }
            else
            {
                errors.Add($"{where}: the context '{extra}' is not supported (only {QuantitativeUnits.Context}, with DTDL v3)");
            }
        }

        return quantitative;
    }

    private static List<string> ReadExtends(JsonNode? node, string where, List<string> errors)
    {
        var ids = new List<string>();
        var items = node switch
        {
            null => [],
            JsonArray a => a.ToList(),
            _ => [node],
        };
        foreach (var item in items)
        {
            if (item is JsonValue v && v.TryGetValue<string>(out var id) && Dtmi.IsValid(id))
            {
                ids.Add(id);
            }
            else
            {
                errors.Add($"{where}: 'extends' must name Interfaces by their DTMIs (inline Interfaces are not supported)");
            }
        }

        return ids;
    }

    internal static JsonObject? Localizable(JsonObject owner, string key, int maxLength, string where, List<string> errors)
    {
        switch (owner[key])
        {
            case null:
                return null;
            case JsonValue v when v.TryGetValue<string>(out var text) && text.Length <= maxLength:
                return new JsonObject { ["en"] = text };
            case JsonObject map when map.All(e => e.Value is JsonValue ev && ev.TryGetValue<string>(out var t) && t.Length <= maxLength):
                return (JsonObject)map.DeepClone();
            default:
                errors.Add($"{where}: '{key}' must be a string of at most {maxLength} characters, or a map of language codes to such strings");
                return null;
        }
    }

    internal static void CheckText(JsonObject owner, string key, int maxLength, string where, List<string> errors)
    {
        if (owner[key] is { } node && !(node is JsonValue v && v.TryGetValue<string>(out var text) && text.Length <= maxLength))
        {
            errors.Add($"{where}: '{key}' must be a string of at most {maxLength} characters");
        }
    }

    internal static DtdlSchema? Missing(string at, string key, List<string> errors)
    {
        errors.Add($"{at}: '{key}' is required");
        return null;
    }

    [GeneratedRegex("^[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
