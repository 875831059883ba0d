using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UrbanTwin.TwinApi.DigitalTwins.Graph;

/// <summary>
/// The stored twins of each model by the value of each top-level primitive property (a string, a
/// number or a boolean), so that a query pinning its model and a property's value
/// (<c>IS_OF_MODEL(T, 'm') AND T.siteType = 'school'</c>) reads only the twins that have it rather
/// than every twin of the model.
/// </summary>
public sealed class PropertyValueIndex
{
    private readonly ConcurrentDictionary<(string Model, string Property, string Value), ConcurrentDictionary<string, IndexedTwin>> _twins = new();

    /// <summary>The key a value is indexed under, or null for a value that is not indexed (objects, arrays, null).</summary>
    public static string? KeyOf(object? value) => value switch
    {
        string s => "s" + s,
        double d => "n" + d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "t" : "f",
        _ => null,
    };

    public void Add(IndexedTwin twin)
    {
        foreach (var (property, value) in Primitives(twin))
        {
            _twins.GetOrAdd((twin.ModelId, property, value), _ => new(StringComparer.Ordinal))[twin.Id] = twin;
        }
    }

    public void Remove(IndexedTwin twin)
    {
        foreach (var (property, value) in Primitives(twin))
        {
            if (_twins.TryGetValue((twin.ModelId, property, value), out var twins))
            {
                twins.TryRemove(twin.Id, out _);
            }
        }
    }

    /// <summary>The stored twins of the model whose property has the value (by its <see cref="KeyOf"/>).</summary>
    public ICollection<IndexedTwin>? Find(string model, string property, string value) =>
        _twins.TryGetValue((model, property, value), out var twins) ? twins.Values : null;

    public int Count(string model, string property, string value) =>
        _twins.TryGetValue((model, property, value), out var twins) ? twins.Count : 0;

    private static IEnumerable<(string Property, string Value)> Primitives(IndexedTwin twin)
    {
        foreach (var (name, node) in twin.Document)
        {
            if (!name.StartsWith('$') && node is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                && KeyOf(Query.QueryValues.Of(value)) is { } key)
            {
                yield return (name, key);
            }
        }
    }
}
