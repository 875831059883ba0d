using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using UrbanTwin.TwinApi.DigitalTwins.Http;

namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>
/// Values as the query language compares them: strings, numbers (doubles), booleans, null (a JSON
/// null), objects and arrays (their <see cref="JsonNode"/>s), and <see cref="Undefined"/> for a
/// property that is not there, which no comparison matches.
/// </summary>
public static class QueryValues
{
    public static readonly object Undefined = new();

    /// <summary>The value a JSON node holds, as the query language compares it (an object or array stays its node).</summary>
    public static object? Of(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return node;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.TryGetValue<double>(out var number) ? number : double.Parse(value.ToJsonString(AdtJson.Options), CultureInfo.InvariantCulture),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => (object?)null,
        };
    }

    public static bool AreEqual(object? left, object? right) => left switch
    {
        string a => right is string b && string.Equals(a, b, StringComparison.Ordinal),
        double a => right is double b && a == b,
        bool a => right is bool b && a == b,
        null => right is null,
        _ => false,
    };

    /// <summary>A comparison; values of different types, and undefined ones, never match (not even with <c>!=</c>).</summary>
    public static bool Compare(string op, object? left, object? right)
    {
        if (ReferenceEquals(left, Undefined) || ReferenceEquals(right, Undefined))
        {
            return false;
        }

        if (op is "=" or "!=")
        {
            var comparable = (left is string && right is string) || (left is double && right is double) || (left is bool && right is bool) || (left is null && right is null);
            return comparable && (op == "=") == AreEqual(left, right);
        }

        int order;
        if (left is double x && right is double y)
        {
            order = x.CompareTo(y);
        }
        else if (left is string s && right is string t)
        {
            order = string.CompareOrdinal(s, t);
        }
        else
        {
            return false;
        }

        return op switch
        {
            "<" => order < 0,
            ">" => order > 0,
            "<=" => order <= 0,
            _ => order >= 0,
        };
    }
}
