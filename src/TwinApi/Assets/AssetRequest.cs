namespace UrbanTwin.TwinApi.Assets;

/// <summary>
/// An asset as a client sends it (<c>POST /api/assets</c>, an import row, or <c>PUT</c> where id,
/// kind and device come from the existing asset). Everything is optional here so that what is
/// missing gets a precise error rather than a generic binding failure.
/// </summary>
public sealed record AssetRequest(
    string? Id,
    string? Kind,
    string? Name,
    AssetLocation? Location,
    string? DeviceId,
    Dictionary<string, string>? Metadata);
