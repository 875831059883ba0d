namespace UrbanTwin.Grains.AirQuality;

/// <summary>The four pollutants the UK Daily Air Quality Index bands.</summary>
public enum DaqiPollutant
{
    Pm25,
    Pm10,
    No2,
    O3,
}
