namespace UrbanTwin.Grains.Abstractions.Alerts;

/// <summary>How urgently operators should look.</summary>
public enum AlertSeverity
{
    Info = 1,
    Warning = 2,
    Critical = 3,
}
