using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.Twins;
using UrbanTwin.Grains.Twins.Kinds;

namespace UrbanTwin.Grains.AirQuality;

/// <summary>
/// An air-quality station's twin: each pollutant's readings go into its hourly means, the UK DAQI
/// is assessed for the newest hour, and a High or Very High band raises an alert that a lower band
/// clears.
/// </summary>
internal sealed class AirQualityTwin : ITwinKind
{
    public static readonly AirQualityTwin Instance = new();

    private static readonly (DaqiPollutant Pollutant, int Slot)[] DaqiSlots =
    [
        (DaqiPollutant.Pm25, AirQualityField.Pm25),
        (DaqiPollutant.Pm10, AirQualityField.Pm10),
        (DaqiPollutant.No2, AirQualityField.No2),
        (DaqiPollutant.O3, AirQualityField.O3),
    ];

    public TimeSpan ExpectedInterval(TwinOptions options, AssetTwinState twin) => options.AirQualityInterval;

    public async Task ApplyAsync(AssetTwinState twin, Reading[] readings, ITwinAlerts alerts)
    {
        long? newest = null;
        foreach (var reading in readings)
        {
            foreach (var (pollutant, slot) in DaqiSlots)
            {
                if (reading.TryGet(slot, out var value))
                {
                    twin.Means ??= new StationMeans();
                    twin.Means.Add(pollutant, reading.TimestampMs, value);
                    newest = Math.Max(newest ?? long.MinValue, reading.TimestampMs);
                }
            }
        }

        if (newest is not { } latest)
        {
            return;
        }

        // Never an hour before the last one assessed, so never before any pollutant's newest hour:
        // what the means keep (see HourlyMeans) relies on it.
        var hour = Math.Max(HourlyMeans.HourStartOf(latest), twin.AirQuality?.HourStartMs ?? long.MinValue);
        var assessment = twin.Means!.Assess(hour);
        var previous = twin.AirQuality?.Band is { } band ? Enum.Parse<DaqiBand>(band) : (DaqiBand?)null;
        twin.AirQuality = new AirQualityStatus(
            hour,
            assessment.OverallIndex,
            assessment.Band?.ToString(),
            assessment.WorstPollutant?.ToString(),
            assessment.Pm25?.Index,
            assessment.Pm10?.Index,
            assessment.No2?.Index,
            assessment.O3?.Index);
        switch (DaqiAlertRule.Evaluate(previous, assessment.Band))
        {
            case DaqiAlertAction.Raise:
                await alerts.ClearAsync(AlertKind.AirQualityHigh);
                await alerts.RaiseAsync(
                    AlertKind.AirQualityHigh,
                    assessment.Band == DaqiBand.VeryHigh ? AlertSeverity.Critical : AlertSeverity.Warning,
                    $"air quality index {assessment.OverallIndex} ({assessment.Band}), set by {assessment.WorstPollutant}");
                await alerts.WriteAsync();
                break;
            case DaqiAlertAction.Clear:
                await alerts.ClearAsync(AlertKind.AirQualityHigh);
                await alerts.WriteAsync();
                break;
        }
    }
}
