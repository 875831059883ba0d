using System.Globalization;
using System.Text.Json.Nodes;

namespace UrbanTwin.TwinApi.DigitalTwins.Twins;

/// <summary>
/// A JSON Patch (RFC 6902) as the twin API takes it: <c>add</c>, <c>replace</c> and <c>remove</c>
/// only, as Azure Digital Twins. <c>replace</c> of a member that is not there adds it (a twin's
/// optional properties are absent until set); <c>remove</c> of one that is not there fails.
/// </summary>
public sealed class JsonPatch
{
    private readonly List<(string Op, string[] Path, JsonNode? Value)> _operations;

    private JsonPatch(List<(string Op, string[] Path, JsonNode? Value)> operations) => _operations = operations;

    /// <summary>The path of every operation, as segments: what the patch touches.</summary>
    public IEnumerable<string[]> Paths => _operations.Select(o => o.Path);

    public IReadOnlyList<(string Op, string[] Path, JsonNode? Value)> Operations => _operations;

    /// <summary>The same operations on the members of <paramref name="component"/> (a component patch's paths are the component's own).</summary>
    public JsonPatch Under(string component) => new([.. _operations.Select(o => (o.Op, (string[])[component, .. o.Path], o.Value))]);

    public static JsonPatch? Parse(JsonNode? body, out string? problem)
    {
        problem = null;
        if (body is not JsonArray array || array.Count == 0)
        {
            problem = "A JSON Patch is a non-empty array of operations.";
            return null;
        }

        var operations = new List<(string, string[], JsonNode?)>();
        foreach (var item in array)
        {
            var op = (item as JsonObject)?["op"] is JsonValue o && o.TryGetValue<string>(out var text) ? text : null;
            var path = (item as JsonObject)?["path"] is JsonValue p && p.TryGetValue<string>(out var pointer) ? pointer : null;
            if (op is not ("add" or "replace" or "remove"))
            {
                problem = $"Unsupported operation type {op ?? "(none)"}. Supported: add, replace, remove.";
                return null;
            }

            if (path is null || !path.StartsWith('/') || path.Length < 2)
            {
                problem = $"The path '{path}' of a '{op}' is not a JSON Pointer to a member.";
                return null;
            }

            if (op != "remove" && !item!.AsObject().ContainsKey("value"))
            {
                problem = $"The '{op}' of {path} has no value.";
                return null;
            }

            var segments = path[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
            operations.Add((op, segments, op == "remove" ? null : item!["value"]?.DeepClone()));
        }

        return new JsonPatch(operations);
    }

    /// <summary>Applies the operations in order to <paramref name="target"/>; the first that cannot apply is the problem (and <paramref name="target"/> is then partly patched: patch a copy).</summary>
    public string? ApplyTo(JsonObject target)
    {
        foreach (var (op, path, value) in _operations)
        {
            JsonNode? parent = target;
            for (var i = 0; i < path.Length - 1; i++)
            {
                parent = parent switch
                {
                    JsonObject o => o[path[i]],
                    JsonArray a when int.TryParse(path[i], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < a.Count => a[index],
                    _ => null,
                };
                if (parent is null)
                {
                    return $"The path /{string.Join('/', path)} does not exist.";
                }
            }

            var last = path[^1];
            if (Apply(op, parent!, last, value?.DeepClone()) is { } problem)
            {
                return $"{problem} (/{string.Join('/', path)})";
            }
        }

        return null;
    }

    private static string? Apply(string op, JsonNode parent, string member, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            if (op == "remove")
            {
                return obj.Remove(member) ? null : "There is nothing to remove";
            }

            obj[member] = value;
            return null;
        }

        if (parent is not JsonArray array)
        {
            return "The parent is not an object or an array";
        }

        int index;
        if (member == "-")
        {
            index = array.Count;
        }
        else if (!int.TryParse(member, NumberStyles.None, CultureInfo.InvariantCulture, out index) || index > array.Count)
        {
            return "The array index is out of range";
        }

        switch (op)
        {
            case "add":
                array.Insert(index, value);
                return null;
            case "replace" when index < array.Count:
                array[index] = value;
                return null;
            case "remove" when index < array.Count:
                array.RemoveAt(index);
                return null;
            default:
                return "The array index is out of range";
        }
    }
}
