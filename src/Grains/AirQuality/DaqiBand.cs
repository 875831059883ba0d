namespace UrbanTwin.Grains.AirQuality;

/// <summary>
/// The DAQI's four bands, declared from best to worst: <see cref="DaqiAlertRule"/> compares them
/// by that order, so it must not change.
/// </summary>
public enum DaqiBand
{
    Low,
    Moderate,
    High,
    VeryHigh,
}
