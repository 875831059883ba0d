using UrbanTwin.Contracts;

namespace UrbanTwin.TwinApi.Assets;

/// <summary>An asset request that passed validation.</summary>
public sealed record AssetDraft(string Id, DeviceKind Kind, string Name, double Longitude, double Latitude, string DeviceId, IReadOnlyDictionary<string, string> Metadata);
