namespace UrbanTwin.Grains.AirQuality;

/// <summary>What <see cref="DaqiAlertRule"/> tells the caller to do with a station's air-quality alert.</summary>
public enum DaqiAlertAction
{
    None,
    Raise,
    Clear,
}
