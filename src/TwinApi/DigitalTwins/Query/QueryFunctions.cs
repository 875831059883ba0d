using System.Text.Json;
using System.Text.Json.Nodes;

namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>
/// The query functions this node answers: <c>IS_OF_MODEL</c> (evaluated by <see cref="QueryEvaluator"/>,
/// which knows the models), <c>IS_DEFINED</c>, <c>IS_NULL</c>, <c>IS_BOOL</c>, <c>IS_NUMBER</c>,
/// <c>IS_STRING</c>, <c>IS_PRIMITIVE</c>, <c>IS_OBJECT</c>, <c>STARTSWITH</c>, <c>ENDSWITH</c>,
/// <c>CONTAINS</c> and <c>ARRAY_CONTAINS</c> (top-level primitives of an array).
/// </summary>
public static class QueryFunctions
{
    public const string IsOfModel = "IS_OF_MODEL";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        IsOfModel, "IS_DEFINED", "IS_NULL", "IS_BOOL", "IS_NUMBER", "IS_STRING", "IS_PRIMITIVE", "IS_OBJECT", "STARTSWITH", "ENDSWITH", "CONTAINS", "ARRAY_CONTAINS",
    };

    public static bool IsKnown(string name) => Known.Contains(name);

    /// <summary>The function over its evaluated arguments (<see cref="QueryValues.Undefined"/> for a missing property).</summary>
    public static bool Call(string name, IReadOnlyList<object?> arguments)
    {
        var first = arguments.Count > 0 ? arguments[0] : QueryValues.Undefined;
        switch (name)
        {
            case "IS_DEFINED":
                return !ReferenceEquals(first, QueryValues.Undefined);
            case "IS_NULL":
                return first is null;
            case "IS_BOOL":
                return first is bool;
            case "IS_NUMBER":
                return first is double;
            case "IS_STRING":
                return first is string;
            case "IS_PRIMITIVE":
                return first is null or bool or double or string;
            case "IS_OBJECT":
                return first is JsonObject;
            case "STARTSWITH" or "ENDSWITH" or "CONTAINS":
                Arity(name, arguments, 2);
                return first is string text && arguments[1] is string part && name switch
                {
                    "STARTSWITH" => text.StartsWith(part, StringComparison.Ordinal),
                    "ENDSWITH" => text.EndsWith(part, StringComparison.Ordinal),
                    _ => text.Contains(part, StringComparison.Ordinal),
                };
            case "ARRAY_CONTAINS":
                Arity(name, arguments, 2);
                return first is JsonArray array && array.Any(item => item is JsonValue v && v.GetValueKind() is not (JsonValueKind.Object or JsonValueKind.Array) && QueryValues.AreEqual(QueryValues.Of(v), arguments[1]));
            default:
                throw new QueryException($"The function {name} is not supported.");
        }
    }

    private static void Arity(string name, IReadOnlyList<object?> arguments, int count)
    {
        if (arguments.Count != count)
        {
            throw new QueryException($"{name} takes {count} arguments.");
        }
    }
}
