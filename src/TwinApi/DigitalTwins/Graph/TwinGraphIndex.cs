using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using UrbanTwin.Grains.Abstractions.DigitalTwins;

namespace UrbanTwin.TwinApi.DigitalTwins.Graph;

/// <summary>
/// The node's in-memory index of the stored twin graph, for queries and incoming relationships:
/// every stored twin by id and by model, every relationship by key, by source and by target.
/// Built from the graph shards at start (<see cref="TwinGraphLoader"/>) and kept by the writes
/// made through this node; each twin and relationship is replaced whole, so a query reading it
/// meanwhile sees the old or the new one, never half of each. Asset twins are not held here (their
/// grains are: see <see cref="AssetTwinSet"/>).
/// </summary>
public sealed class TwinGraphIndex
{
    private readonly ConcurrentDictionary<string, IndexedTwin> _twins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, IndexedTwin>> _byModel = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IndexedRelationship> _relationships = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, IndexedRelationship>> _outgoing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, IndexedRelationship>> _incoming = new(StringComparer.Ordinal);
    private readonly PropertyValueIndex _values = new();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the index holds what the shards held at start.</summary>
    public Task Loaded => _loaded.Task;

    public int TwinCount => _twins.Count;

    /// <summary>Every stored twin (enumerated live, without a copy: a twin written meanwhile may or may not be seen).</summary>
    public IEnumerable<IndexedTwin> Twins => ValuesOf(_twins);

    public IEnumerable<IndexedRelationship> Relationships => ValuesOf(_relationships);

    public IndexedTwin? Find(string id) => _twins.GetValueOrDefault(id);

    /// <summary>The stored twins whose model is exactly <paramref name="modelId"/>.</summary>
    public IEnumerable<IndexedTwin> OfModel(string modelId) =>
        _byModel.TryGetValue(modelId, out var twins) ? ValuesOf(twins) : [];

    public IEnumerable<string> Models => _byModel.Keys;

    /// <summary>The stored twins of each model by the values of their top-level properties.</summary>
    public PropertyValueIndex Values => _values;

    public IEnumerable<IndexedRelationship> OutgoingOf(string twinId) =>
        _outgoing.TryGetValue(twinId, out var relationships) ? ValuesOf(relationships) : [];

    public IEnumerable<IndexedRelationship> IncomingOf(string twinId) =>
        _incoming.TryGetValue(twinId, out var relationships) ? ValuesOf(relationships) : [];

    public bool HasRelationships(string twinId) =>
        (_outgoing.TryGetValue(twinId, out var outgoing) && !outgoing.IsEmpty) || (_incoming.TryGetValue(twinId, out var incoming) && !incoming.IsEmpty);

    public void MarkLoaded() => _loaded.TrySetResult();

    /// <summary>Takes an entry as stored (a new or replaced twin or relationship).</summary>
    public void Apply(GraphEntry entry)
    {
        var document = (JsonObject)JsonNode.Parse(entry.Json)!;
        if (entry.IsRelationship)
        {
            Put(new IndexedRelationship(entry.Key, entry.RelationshipId!, entry.SourceId, entry.TargetId!, entry.Name!, document, entry.ETag));
        }
        else
        {
            Put(IndexedTwin.FromDocument(document, isAsset: false));
        }
    }

    public void Put(IndexedTwin twin)
    {
        if (_twins.TryGetValue(twin.Id, out var previous))
        {
            _values.Remove(previous);
            if (previous.ModelId != twin.ModelId)
            {
                RemoveFromModel(previous);
            }
        }

        _twins[twin.Id] = twin;
        _byModel.GetOrAdd(twin.ModelId, _ => new(StringComparer.Ordinal))[twin.Id] = twin;
        _values.Add(twin);
    }

    public void RemoveTwin(string id)
    {
        if (_twins.TryRemove(id, out var previous))
        {
            RemoveFromModel(previous);
            _values.Remove(previous);
        }
    }

    public void Put(IndexedRelationship relationship)
    {
        _relationships[relationship.Key] = relationship;
        _outgoing.GetOrAdd(relationship.SourceId, _ => new(StringComparer.Ordinal))[relationship.Key] = relationship;
        _incoming.GetOrAdd(relationship.TargetId, _ => new(StringComparer.Ordinal))[relationship.Key] = relationship;
    }

    public void RemoveRelationship(string key)
    {
        if (_relationships.TryRemove(key, out var previous))
        {
            if (_outgoing.TryGetValue(previous.SourceId, out var outgoing))
            {
                outgoing.TryRemove(key, out _);
            }

            if (_incoming.TryGetValue(previous.TargetId, out var incoming))
            {
                incoming.TryRemove(key, out _);
            }
        }
    }

    private static IEnumerable<T> ValuesOf<T>(ConcurrentDictionary<string, T> dictionary)
    {
        foreach (var (_, value) in dictionary)
        {
            yield return value;
        }
    }

    private void RemoveFromModel(IndexedTwin twin)
    {
        if (_byModel.TryGetValue(twin.ModelId, out var twins))
        {
            twins.TryRemove(twin.Id, out _);
        }
    }
}
