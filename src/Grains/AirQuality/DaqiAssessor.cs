namespace UrbanTwin.Grains.AirQuality;

/// <summary>
/// Assesses a station for one clock hour as the DAQI prescribes: PM2.5 and PM10 from their 24-hour
/// running means, NO2 from that hour's mean, O3 from its 8-hour running mean, the running means
/// only when 75% of their hours have data.
/// </summary>
public static class DaqiAssessor
{
    private const int ParticulateHours = 24;
    private const int OzoneHours = 8;
    private const int NitrogenDioxideHours = 1;

    /// <summary>How many clock hours, the assessed one included, the index averages a pollutant over.</summary>
    public static int AveragingHours(DaqiPollutant pollutant) => pollutant switch
    {
        DaqiPollutant.Pm25 or DaqiPollutant.Pm10 => ParticulateHours,
        DaqiPollutant.No2 => NitrogenDioxideHours,
        DaqiPollutant.O3 => OzoneHours,
        _ => throw new ArgumentOutOfRangeException(nameof(pollutant), pollutant, "Not a DAQI pollutant."),
    };

    /// <param name="hourStartMs">The start of the hour to assess (Unix epoch ms); it ends each running mean.</param>
    /// <param name="pm25">The station's PM2.5, or null when it does not measure it; likewise the others.</param>
    public static AirQualityAssessment Assess(
        long hourStartMs, HourlyMeans? pm25, HourlyMeans? pm10, HourlyMeans? no2, HourlyMeans? o3) =>
        new(
            hourStartMs,
            Score(DaqiPollutant.Pm25, pm25?.RunningMean(hourStartMs, ParticulateHours)),
            Score(DaqiPollutant.Pm10, pm10?.RunningMean(hourStartMs, ParticulateHours)),
            Score(DaqiPollutant.No2, no2?.HourlyMean(hourStartMs)),
            Score(DaqiPollutant.O3, o3?.RunningMean(hourStartMs, OzoneHours)));

    private static PollutantIndex? Score(DaqiPollutant pollutant, double? concentration) =>
        concentration is { } c ? new PollutantIndex(c, DaqiCalculator.Index(pollutant, c)) : null;
}
