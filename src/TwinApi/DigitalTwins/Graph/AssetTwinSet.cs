using Orleans;
using UrbanTwin.Grains.Abstractions.Inventory;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TwinApi.DigitalTwins.Twins;

namespace UrbanTwin.TwinApi.DigitalTwins.Graph;

/// <summary>
/// The asset twins as the query engine sees them: every asset in service (the fleet's
/// <see cref="AssetInventory"/>) as its DTDL twin, read from the grains and kept for
/// <see cref="Freshness"/>, so a query sees readings at most that old (Azure Digital Twins' own
/// queries lag their twins too). Reading the whole fleet wakes every asset grain: a query that
/// names its models (<c>IS_OF_MODEL</c> of a place) or ids does not need it.
/// </summary>
public sealed class AssetTwinSet(IGrainFactory grains, AssetInventory inventory, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private const int Parallelism = 64;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, IndexedTwin>? _all;
    private long _readAt;

    /// <summary>Whether an asset in service has this id (asked of the fleet's inventory: no asset grain is woken).</summary>
    public Task<bool> ExistsAsync(string assetId) => inventory.ContainsAsync(assetId);

    /// <summary>The asset's twin now, or null when there is no asset in service with this id.</summary>
    public async Task<IndexedTwin?> FindAsync(string assetId) => await ExistsAsync(assetId) ? await ReadAsync(assetId) : null;

    private async Task<IndexedTwin?> ReadAsync(string assetId)
    {
        var twin = await grains.Twin(assetId).GetSnapshotAsync();
        return twin.Registration is null || twin.Decommissioned ? null : IndexedTwin.FromDocument(AssetTwinDocument.Build(twin), isAsset: true);
    }

    /// <summary>Every asset twin in service by id, at most <see cref="Freshness"/> old.</summary>
    public async Task<IReadOnlyDictionary<string, IndexedTwin>> AllAsync(CancellationToken cancellationToken)
    {
        if (_all is { } all && time.GetElapsedTime(_readAt) < Freshness)
        {
            return all;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_all is { } fresh && time.GetElapsedTime(_readAt) < Freshness)
            {
                return fresh;
            }

            var ids = new List<string>();
            foreach (var (kind, _) in AssetModels.ByKind)
            {
                ids.AddRange(await inventory.ListAsync(kind));
            }

            var twins = new IndexedTwin?[ids.Count];
            await Parallel.ForAsync(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, _) =>
                twins[i] = await ReadAsync(ids[i]));
            var read = new Dictionary<string, IndexedTwin>(StringComparer.Ordinal);
            foreach (var twin in twins)
            {
                if (twin is not null)
                {
                    read[twin.Id] = twin;
                }
            }

            _all = read;
            _readAt = time.GetTimestamp();
            return read;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
