namespace UrbanTwin.Grains.Abstractions.Areas;

/// <summary>
/// The areas added through the API (one grain, key <see cref="Key"/>). Areas loaded from files at
/// start-up are not stored here: every node loads them itself. Nodes poll <see cref="GetVersionAsync"/>.
/// </summary>
[Alias("ut.IAreaCatalogGrain")]
public interface IAreaCatalogGrain : IGrainWithStringKey
{
    public const string Key = "areas";

    /// <summary>Adds the area; false when an area with that id already exists.</summary>
    [Alias("Add")]
    Task<bool> AddAsync(AreaDefinition area);

    [Alias("Version")]
    Task<long> GetVersionAsync();

    [Alias("All")]
    Task<IReadOnlyList<AreaDefinition>> GetAllAsync();
}
