namespace UrbanTwin.Grains.AirQuality;

/// <summary>
/// One pollutant's part of an assessment: the averaged concentration in µg/m³ as computed, before
/// the rounding that banding applies, and the DAQI index it scores.
/// </summary>
public sealed record PollutantIndex(double Concentration, int Index);
