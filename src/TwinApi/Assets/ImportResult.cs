namespace UrbanTwin.TwinApi.Assets;

/// <summary>What an import registered: each asset's device credentials (secrets shown once).</summary>
public sealed record ImportResult(int Imported, IReadOnlyList<ImportResult.ImportedAsset> Assets)
{
    /// <summary>A secret of null: another request registered the id between the check and the import.</summary>
    public sealed record ImportedAsset(string Id, string DeviceId, string? Secret);
}
