using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using UrbanTwin.Grains.Abstractions.DigitalTwins;

namespace UrbanTwin.TwinApi.DigitalTwins.Graph;

/// <summary>
/// The node's in-memory index of the stored twin graph, for queries and incoming relationships:
/// every stored twin by id and by model, every relationship by key, by source and by target.
/// Built from the graph shards at start and kept in step with them by <see cref="TwinGraphSync"/>,
/// which follows each shard's changes (whichever node made them), and at once by the writes made
/// through this node. Each key is held as of a row of its shard's changes, and only a newer or the
/// same row replaces it, so a late answer never undoes a later write. Each twin and relationship
/// is replaced whole, so a query reading it meanwhile sees the old or the new one, never half of
/// each. Asset twins are not held here (their grains are: see <see cref="AssetTwinSet"/>).
/// </summary>
public sealed class TwinGraphIndex
{
    private readonly ConcurrentDictionary<string, IndexedTwin> _twins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, IndexedTwin>> _byModel = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IndexedRelationship> _relationships = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, IndexedRelationship>> _outgoing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, IndexedRelationship>> _incoming = new(StringComparer.Ordinal);
    private readonly PropertyValueIndex _values = new();

    /// <summary>The row of its shard each key (twin id or relationship key) is held as of, removed keys included.</summary>
    private readonly ConcurrentDictionary<string, long> _rows = new(StringComparer.Ordinal);

    /// <summary>One lock a shard: its changes and this node's writes to it are applied one at a time.</summary>
    private readonly Lock[] _shards = [.. Enumerable.Range(0, GraphShards.Count).Select(_ => new Lock())];
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

    /// <summary>Applies what a shard's changes say, each key unless it is held as of a later row; a whole shard also removes what it no longer holds.</summary>
    public void Apply(int shard, GraphChanges changes)
    {
        var row = changes.Cursor.Through;
        HashSet<string>? held = changes.Whole ? new(StringComparer.Ordinal) : null;
        lock (_shards[shard])
        {
            foreach (var entry in changes.Entries)
            {
                held?.Add(entry.Key);

                // What this node wrote itself comes back as the shard's change: held already, not parsed again.
                if (Claim(entry.Key, row) && !Holds(entry))
                {
                    var document = (JsonObject)JsonNode.Parse(entry.Json)!;
                    if (entry.IsRelationship)
                    {
                        PutRelationship(new IndexedRelationship(entry.Key, entry.RelationshipId!, entry.SourceId, entry.TargetId!, entry.Name!, document, entry.ETag));
                    }
                    else
                    {
                        PutTwin(IndexedTwin.FromDocument(document, isAsset: false));
                    }
                }
            }

            foreach (var key in changes.Removed)
            {
                RemoveKey(key, row);
            }

            if (held is not null)
            {
                foreach (var (key, _) in _rows)
                {
                    if (!held.Contains(key) && GraphShards.IndexOf(GraphEntry.SourceOf(key)) == shard)
                    {
                        RemoveKey(key, row);
                    }
                }
            }
        }
    }

    /// <summary>A twin this node stored, as of the row that stored it (0: superseded, nothing to do).</summary>
    public void Put(IndexedTwin twin, long row)
    {
        lock (_shards[GraphShards.IndexOf(twin.Id)])
        {
            if (Claim(twin.Id, row))
            {
                PutTwin(twin);
            }
        }
    }

    /// <summary>A relationship this node stored, as of the row that stored it (0: superseded, nothing to do).</summary>
    public void Put(IndexedRelationship relationship, long row)
    {
        lock (_shards[GraphShards.IndexOf(relationship.SourceId)])
        {
            if (Claim(relationship.Key, row))
            {
                PutRelationship(relationship);
            }
        }
    }

    /// <summary>A twin or relationship (by key) this node deleted, as of the row that stored the deletion.</summary>
    public void Remove(string key, long row)
    {
        lock (_shards[GraphShards.IndexOf(GraphEntry.SourceOf(key))])
        {
            RemoveKey(key, row);
        }
    }

    private bool Holds(GraphEntry entry) => entry.IsRelationship
        ? _relationships.TryGetValue(entry.Key, out var relationship) && relationship.ETag == entry.ETag
        : _twins.TryGetValue(entry.Key, out var twin) && twin.ETag == entry.ETag;

    /// <summary>Whether the key may take its state as of <paramref name="row"/> (no later one is held), noting the row if so.</summary>
    private bool Claim(string key, long row)
    {
        if (row <= 0 || (_rows.TryGetValue(key, out var heldAt) && heldAt > row))
        {
            return false;
        }

        _rows[key] = row;
        return true;
    }

    private void RemoveKey(string key, long row)
    {
        if (!Claim(key, row))
        {
            return;
        }

        if (GraphEntry.IsRelationshipKey(key))
        {
            RemoveRelationship(key);
        }
        else
        {
            RemoveTwin(key);
        }
    }

    private void PutTwin(IndexedTwin twin)
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

    private void RemoveTwin(string id)
    {
        if (_twins.TryRemove(id, out var previous))
        {
            RemoveFromModel(previous);
            _values.Remove(previous);
        }
    }

    private void PutRelationship(IndexedRelationship relationship)
    {
        _relationships[relationship.Key] = relationship;
        _outgoing.GetOrAdd(relationship.SourceId, _ => new(StringComparer.Ordinal))[relationship.Key] = relationship;
        _incoming.GetOrAdd(relationship.TargetId, _ => new(StringComparer.Ordinal))[relationship.Key] = relationship;
    }

    private void RemoveRelationship(string key)
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
