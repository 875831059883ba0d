namespace UrbanTwin.Grains.Abstractions.DigitalTwins;

/// <summary>
/// The DTDL models uploaded through the twin API (one grain, key <see cref="Key"/>); the product's
/// own models are shipped with the node and never stored. Each change is stored before it returns.
/// </summary>
[Alias("ut.IModelStoreGrain")]
public interface IModelStoreGrain : IGrainWithStringKey
{
    public const string Key = "models";

    /// <summary>Every stored model, and the store's version (it grows with each change).</summary>
    [Alias("All")]
    Task<(long Version, IReadOnlyList<StoredModel> Models)> GetAllAsync();

    [Alias("Version")]
    Task<long> GetVersionAsync();

    /// <summary>Stores all the models or none: the ids already stored when any is (nothing stored then), else empty.</summary>
    [Alias("Add")]
    Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<StoredModel> models);

    /// <summary>Marks the model decommissioned; false when there is no such model.</summary>
    [Alias("Decommission")]
    Task<bool> DecommissionAsync(string id);

    /// <summary>Deletes the model; false when there is no such model.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync(string id);
}
