using UrbanTwin.Contracts;
using UrbanTwin.TwinApi.Assets;

namespace UrbanTwin.TwinApi.Live;

/// <summary>The data of an <c>event: twin</c>: which asset, its status now, and the latest values that changed, each with its unit and reading time.</summary>
public sealed record LiveTwinEvent(string Asset, DeviceKind? Kind, string? Area, string Status, IReadOnlyDictionary<string, TwinView.LatestValue> Latest);
