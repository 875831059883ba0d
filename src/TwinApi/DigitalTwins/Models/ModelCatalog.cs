using System.Text.Json.Nodes;
using Orleans;
using UrbanTwin.Grains.Abstractions.DigitalTwins;
using UrbanTwin.TwinApi.DigitalTwins.Http;

namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>
/// The models a node knows: the product's own (<see cref="ShippedModels"/>) and those uploaded
/// (<see cref="IModelStoreGrain"/>). Answers from a snapshot it rebuilds when the store's version
/// moves, which it checks at most once per <see cref="Freshness"/> (at once after a change made here).
/// </summary>
public sealed class ModelCatalog(IGrainFactory grains, ShippedModels shipped, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly DateTimeOffset _shippedAt = time.GetUtcNow();
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private ModelSnapshot? _current;
    private long _checkedAt;

    private IModelStoreGrain Store => grains.GetGrain<IModelStoreGrain>(IModelStoreGrain.Key);

    public async ValueTask<ModelSnapshot> CurrentAsync()
    {
        if (_current is { } current && time.GetElapsedTime(_checkedAt) < Freshness)
        {
            return current;
        }

        return await RefreshAsync(force: false);
    }

    /// <summary>Checks and stores the models, all or none: the entries stored, or the error to answer with.</summary>
    public async Task<(IReadOnlyList<ModelEntry>? Added, AdtError? Error)> UploadAsync(JsonArray definitions)
    {
        var errors = new List<string>();
        var uploaded = new List<DtdlInterface>();
        foreach (var definition in definitions)
        {
            if (DtdlReader.Read(definition, errors) is { } model)
            {
                uploaded.Add(model);
            }
        }

        if (errors.Count > 0)
        {
            return (null, AdtErrors.DtdlParserError(errors));
        }

        var snapshot = await RefreshAsync(force: true);
        var existing = uploaded.Where(m => snapshot.Find(m.Id) is not null).Select(m => m.Id).ToList();
        if (existing.Count > 0)
        {
            return (null, AdtErrors.ModelIdAlreadyExists(existing));
        }

        DtdlModelSet.Resolve([.. snapshot.Entries.Select(e => e.Model.Model), .. uploaded], errors);
        if (errors.Count > 0)
        {
            return (null, AdtErrors.DtdlParserError(errors));
        }

        var ticks = time.GetUtcNow().UtcTicks;
        var conflicts = await Store.AddAsync([.. uploaded.Select(m => new StoredModel(m.Id, m.Definition.ToJsonString(AdtJson.Options), ticks, false))]);
        if (conflicts.Count > 0)
        {
            return (null, AdtErrors.ModelIdAlreadyExists(conflicts));
        }

        snapshot = await RefreshAsync(force: true);
        return ([.. uploaded.Select(m => snapshot.Find(m.Id)!)], null);
    }

    public async Task<AdtError?> DecommissionAsync(string id)
    {
        var snapshot = await RefreshAsync(force: true);
        if (snapshot.Find(id) is not { } entry)
        {
            return AdtErrors.ModelNotFound(id);
        }

        if (entry.Shipped)
        {
            return AdtErrors.OperationNotAllowed($"{id} is one of the product's own models (served at /models): it cannot be decommissioned.");
        }

        await Store.DecommissionAsync(id);
        await RefreshAsync(force: true);
        return null;
    }

    public async Task<AdtError?> DeleteAsync(string id)
    {
        var snapshot = await RefreshAsync(force: true);
        if (snapshot.Find(id) is not { } entry)
        {
            return AdtErrors.ModelNotFound(id);
        }

        if (entry.Shipped)
        {
            return AdtErrors.OperationNotAllowed($"{id} is one of the product's own models (served at /models): it cannot be deleted.");
        }

        var references = snapshot.ReferencesTo(id).ToList();
        if (references.Count > 0)
        {
            return AdtErrors.ModelReferencesNotDeleted(id, references);
        }

        await Store.DeleteAsync(id);
        await RefreshAsync(force: true);
        return null;
    }

    private async Task<ModelSnapshot> RefreshAsync(bool force)
    {
        await _refresh.WaitAsync();
        try
        {
            if (!force && _current is { } fresh && time.GetElapsedTime(_checkedAt) < Freshness)
            {
                return fresh;
            }

            var version = await Store.GetVersionAsync();
            if (_current is not { } current || current.Version != version)
            {
                var (stored, models) = await Store.GetAllAsync();
                current = Build(stored, models);
                _current = current;
            }

            _checkedAt = time.GetTimestamp();
            return current;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private ModelSnapshot Build(long version, IReadOnlyList<StoredModel> stored)
    {
        var errors = new List<string>();
        var definitions = stored.Select(m => (Stored: m, Definition: (JsonObject)JsonNode.Parse(m.Definition)!)).ToList();
        var uploaded = definitions.Select(d => DtdlReader.Read(d.Definition, errors)).OfType<DtdlInterface>().ToList();
        var resolved = DtdlModelSet.Resolve([.. shipped.Models.Select(m => m.Model), .. uploaded], errors)
            ?? throw new InvalidOperationException("The stored models no longer resolve: " + string.Join("; ", errors));
        var entries = new List<ModelEntry>();
        entries.AddRange(shipped.Models.Select(m => new ModelEntry(m, m.Model.Definition, _shippedAt, false, Shipped: true)));
        entries.AddRange(definitions.Select(d => new ModelEntry(resolved[d.Stored.Id], d.Definition, new DateTimeOffset(d.Stored.UploadTicks, TimeSpan.Zero), d.Stored.Decommissioned, Shipped: false)));
        return new ModelSnapshot(version, entries);
    }

    public void Dispose() => _refresh.Dispose();
}
