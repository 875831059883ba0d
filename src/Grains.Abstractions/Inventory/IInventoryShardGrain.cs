namespace UrbanTwin.Grains.Abstractions.Inventory;

/// <summary>
/// One shard of a kind's <see cref="AssetInventory"/> (key: <c>{kind}/{shard}</c>, e.g.
/// <c>footfall/07</c>): the ids of the kind's assets in service whose id hashes to it, kept by their twins.
/// </summary>
[Alias("ut.IInventoryShardGrain")]
public interface IInventoryShardGrain : IGrainWithStringKey
{
    /// <summary>Lists the asset (a no-op when it is listed).</summary>
    [Alias("Add")]
    Task AddAsync(string assetId);

    /// <summary>Unlists the asset (a no-op when it is not listed).</summary>
    [Alias("Remove")]
    Task RemoveAsync(string assetId);

    /// <summary>The listed asset ids, in no particular order.</summary>
    [Alias("Assets")]
    Task<IReadOnlyList<string>> GetAssetsAsync();

    [Alias("Contains")]
    Task<bool> ContainsAsync(string assetId);

    [Alias("Count")]
    Task<int> CountAsync();
}
