namespace UrbanTwin.TwinApi.Assets;

/// <summary>What an import registered: each asset's device credentials (secrets shown once).</summary>
public sealed record ImportResult(int Imported, IReadOnlyList<ImportResult.ImportedAsset> Assets)
{
    public sealed record ImportedAsset(string Id, string DeviceId, string Secret);
}
