namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// The map cells that list at least one asset of an area (key: the area id, e.g. a borough's ONS
/// code), kept by the cells themselves: what an area's asset list fans out over.
/// </summary>
[Alias("ut.IAreaCellsGrain")]
public interface IAreaCellsGrain : IGrainWithStringKey
{
    [Alias("AddCell")]
    Task AddCellAsync(string cell);

    [Alias("RemoveCell")]
    Task RemoveCellAsync(string cell);

    [Alias("Cells")]
    Task<IReadOnlyList<string>> GetCellsAsync();
}
