using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TimeSeries.Tests;

/// <summary>Builds air-quality points carrying one NO2 value, the field most tests here read back.</summary>
public static class No2Points
{
    public static Reading Reading(long ts, double no2)
    {
        var values = default(FieldValues);
        values[AirQualityField.No2] = no2;
        return new Reading(1, ts, values, 1 << AirQualityField.No2);
    }

    public static SeriesPoint Point(string asset, long ts, double no2, string? area = null) =>
        new(DeviceKind.AirQuality, asset, area, Reading(ts, no2));
}
