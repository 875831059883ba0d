namespace UrbanTwin.TwinApi.Assets;

/// <summary>A newly registered asset and its device's credentials (the only time the secret is shown).</summary>
public sealed record RegisteredAsset(AssetView Asset, DeviceCredentials Device);
