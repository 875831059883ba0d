using UrbanTwin.Grains.Abstractions.Alerts;

namespace UrbanTwin.Grains.Twins.Kinds;

/// <summary>The twin's alerts as a kind's behaviour raises and clears them (the twin records them in the alert book and on the live feed).</summary>
internal interface ITwinAlerts
{
    /// <summary>Raises an alert of <paramref name="kind"/>; the caller clears an active one first if it replaces it.</summary>
    Task RaiseAsync(AlertKind kind, AlertSeverity severity, string reason);

    /// <summary>Clears the active alert of <paramref name="kind"/>, if any.</summary>
    Task ClearAsync(AlertKind kind);

    /// <summary>Stores the twin's state now (an alert raised or cleared is written at once).</summary>
    Task WriteAsync();
}
