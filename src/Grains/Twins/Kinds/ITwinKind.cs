using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Grains.Twins.Kinds;

/// <summary>
/// What a twin does that depends on its asset's kind: what it derives from accepted readings, and
/// how often its device is expected to report. One stateless instance per kind
/// (<see cref="TwinKinds"/>); the twin's state is passed in. A fourth kind of asset is a class
/// beside these and a line in <see cref="TwinKinds"/>.
/// </summary>
internal interface ITwinKind
{
    /// <summary>Derives the kind's state from readings the twin has just accepted; raises or clears alerts through <paramref name="alerts"/>.</summary>
    Task ApplyAsync(AssetTwinState twin, Reading[] readings, ITwinAlerts alerts);

    /// <summary>How often the device is expected to report (the staleness limit is a multiple of it).</summary>
    TimeSpan ExpectedInterval(TwinOptions options, AssetTwinState twin);
}
