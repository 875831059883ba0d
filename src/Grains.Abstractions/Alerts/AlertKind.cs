namespace UrbanTwin.Grains.Abstractions.Alerts;

/// <summary>What an alert is about.</summary>
public enum AlertKind
{
    /// <summary>The asset's device has not reported for longer than its staleness limit.</summary>
    Stale = 1,

    /// <summary>The air-quality index rose to High (7) or above.</summary>
    AirQualityHigh = 2,

    /// <summary>InfluxDB has been unreachable long enough to fill most of the time-series spool.</summary>
    TimeSeriesSpoolFilling = 3,
}
