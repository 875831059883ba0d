using UrbanTwin.Grains.Abstractions.Inventory;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Twins;

/// <summary>
/// Keeps a twin listed where the city finds it: its map cell (position, name, kind, status, area, DAQI band)
/// and its kind's inventory, in step with its registration, status and decommissioning. Both write
/// behind, so a twin lists itself again when it activates (a no-op for a cell or shard that has it).
/// </summary>
internal static class TwinListing
{
    /// <summary>Lists the twin again as its state says, healing what a crash cost the write-behind cell and shard.</summary>
    public static async Task RelistAsync(IGrainFactory grains, AssetTwinState twin)
    {
        if (twin is { Cell: { } cell, CellListing: { } listing })
        {
            await grains.GetGrain<ICellGrain>(cell).UpsertAsync(listing);
        }

        await SyncInventoryAsync(grains, twin);
    }

    /// <summary>Moves, renames, re-statuses, re-bands or removes the twin's cell listing to match its state.</summary>
    public static async Task SyncCellAsync(IGrainFactory grains, string assetId, AssetTwinState twin)
    {
        var registration = twin.Decommissioned ? null : twin.Registration;
        var wanted = registration is null ? null : Geohash.Encode(registration.Longitude, registration.Latitude);
        if (twin.Cell is { } current && current != wanted)
        {
            await grains.GetGrain<ICellGrain>(current).RemoveAsync(assetId);
            twin.Cell = null;
            twin.CellListing = null;
        }

        if (registration is null)
        {
            return;
        }

        var listing = new CellEntry(registration.AssetId, registration.Longitude, registration.Latitude, registration.Kind, TwinStatus.Of(twin), registration.AreaId, registration.Name, twin.AirQuality?.Band);
        if (twin.Cell != wanted || twin.CellListing != listing)
        {
            await grains.GetGrain<ICellGrain>(wanted!).UpsertAsync(listing);
            twin.Cell = wanted;
            twin.CellListing = listing;
        }
    }

    /// <summary>Keeps the asset listed in its kind's inventory while it is registered and in service.</summary>
    public static Task SyncInventoryAsync(IGrainFactory grains, AssetTwinState twin)
    {
        if (twin.Registration is not { } registration)
        {
            return Task.CompletedTask;
        }

        var shard = grains.GetGrain<IInventoryShardGrain>(AssetInventory.ShardKey(registration.Kind, registration.AssetId));
        return twin.Decommissioned ? shard.RemoveAsync(registration.AssetId) : shard.AddAsync(registration.AssetId);
    }
}
