namespace UrbanTwin.Grains.Abstractions.Twins;

/// <summary>
/// An air-quality station's Daily Air Quality Index for the hour of its newest reading: the
/// overall index 1–10 and band (Low, Moderate, High, Very High), the pollutant that sets it, and
/// each pollutant's index where the station has enough data for its averaging period.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.AirQualityStatus")]
public sealed record AirQualityStatus(
    long HourStartMs,
    int? Index,
    string? Band,
    string? WorstPollutant,
    int? Pm25Index,
    int? Pm10Index,
    int? No2Index,
    int? O3Index);
