using UrbanTwin.Contracts;
using UrbanTwin.TwinApi.Assets;

namespace UrbanTwin.TwinApi.Live;

/// <summary>
/// The data of an <c>event: twin</c>: which asset, its status now, the latest values that changed,
/// each with its unit and reading time, and for an air-quality station with an index its DAQI band
/// now (<c>Low</c>, <c>Moderate</c>, <c>High</c>, <c>VeryHigh</c>; left out otherwise), so a map can colour it.
/// </summary>
public sealed record LiveTwinEvent(string Asset, DeviceKind? Kind, string? Area, string Status, IReadOnlyDictionary<string, TwinView.LatestValue> Latest, string? Band = null);
