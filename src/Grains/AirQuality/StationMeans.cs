namespace UrbanTwin.Grains.AirQuality;

/// <summary>
/// The hourly means of one air-quality station's DAQI pollutants. A pollutant's means are created
/// when it first reports, so a station measuring NO2 alone holds one ring, and each keeps as many
/// hours as the index averages the pollutant over (<see cref="DaqiAssessor.AveragingHours"/>):
/// 24 for PM2.5 and PM10, 8 for O3, 1 for NO2. Four fields rather than a dictionary: a twin of a
/// city-wide fleet costs what it holds.
/// </summary>
[GenerateSerializer]
[Alias("ut.StationMeans")]
public sealed class StationMeans
{
    [Id(0)]
    private HourlyMeans? _pm25;

    [Id(1)]
    private HourlyMeans? _pm10;

    [Id(2)]
    private HourlyMeans? _no2;

    [Id(3)]
    private HourlyMeans? _o3;

    /// <summary>The means of a pollutant, or null when the station has never reported it.</summary>
    public HourlyMeans? Of(DaqiPollutant pollutant) => Field(pollutant);

    /// <summary>Adds a reading of a pollutant (see <see cref="HourlyMeans.Add"/>), creating its means at its first.</summary>
    public bool Add(DaqiPollutant pollutant, long timestampMs, double value)
    {
        ref var means = ref Field(pollutant);
        means ??= new HourlyMeans(DaqiAssessor.AveragingHours(pollutant));
        return means.Add(timestampMs, value);
    }

    /// <summary>The station's DAQI for the hour starting at <paramref name="hourStartMs"/>.</summary>
    public AirQualityAssessment Assess(long hourStartMs) => DaqiAssessor.Assess(hourStartMs, _pm25, _pm10, _no2, _o3);

    /// <summary>The means a twin stored until December 2026, keeping the hours the DAQI still averages.</summary>
    public static StationMeans FromLegacy(IReadOnlyDictionary<DaqiPollutant, LegacyHourlyMeans> stored)
    {
        var station = new StationMeans();
        foreach (var (pollutant, legacy) in stored)
        {
            station.Field(pollutant) = legacy.ToHourlyMeans(DaqiAssessor.AveragingHours(pollutant));
        }

        return station;
    }

    private ref HourlyMeans? Field(DaqiPollutant pollutant)
    {
        switch (pollutant)
        {
            case DaqiPollutant.Pm25:
                return ref _pm25;
            case DaqiPollutant.Pm10:
                return ref _pm10;
            case DaqiPollutant.No2:
                return ref _no2;
            case DaqiPollutant.O3:
                return ref _o3;
            default:
                throw new ArgumentOutOfRangeException(nameof(pollutant), pollutant, "Not a DAQI pollutant.");
        }
    }
}
