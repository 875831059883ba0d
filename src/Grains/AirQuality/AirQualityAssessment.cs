namespace UrbanTwin.Grains.AirQuality;

/// <summary>
/// A station's DAQI for the hour starting at <paramref name="HourStartMs"/> (Unix epoch ms). A
/// pollutant is null when the station does not measure it or too little of its averaging period
/// has data; the overall index is the worst of the rest, and null when there is none.
/// </summary>
public sealed record AirQualityAssessment(
    long HourStartMs, PollutantIndex? Pm25, PollutantIndex? Pm10, PollutantIndex? No2, PollutantIndex? O3)
{
    public int? OverallIndex => Worst()?.Part.Index;

    public DaqiBand? Band => OverallIndex is { } index ? DaqiCalculator.BandOf(index) : null;

    /// <summary>The pollutant with the highest index; on a tie the first of PM2.5, PM10, NO2, O3.</summary>
    public DaqiPollutant? WorstPollutant => Worst()?.Pollutant;

    public PollutantIndex? Of(DaqiPollutant pollutant) => pollutant switch
    {
        DaqiPollutant.Pm25 => Pm25,
        DaqiPollutant.Pm10 => Pm10,
        DaqiPollutant.No2 => No2,
        DaqiPollutant.O3 => O3,
        _ => throw new ArgumentOutOfRangeException(nameof(pollutant), pollutant, "Not a DAQI pollutant."),
    };

    private (DaqiPollutant Pollutant, PollutantIndex Part)? Worst()
    {
        (DaqiPollutant Pollutant, PollutantIndex Part)? worst = null;
        foreach (var pollutant in (ReadOnlySpan<DaqiPollutant>)[DaqiPollutant.Pm25, DaqiPollutant.Pm10, DaqiPollutant.No2, DaqiPollutant.O3])
        {
            if (Of(pollutant) is { } part && (worst is not { } w || part.Index > w.Part.Index))
            {
                worst = (pollutant, part);
            }
        }

        return worst;
    }
}
