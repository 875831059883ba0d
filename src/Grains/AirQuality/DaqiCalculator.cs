using System.Collections.ObjectModel;
using System.Diagnostics;

namespace UrbanTwin.Grains.AirQuality;

/// <summary>
/// The UK Daily Air Quality Index (Defra/COMEAP 2011): a pollutant's averaged concentration to an
/// index 1–10, and an index to its band. Averaging is the caller's job (<see cref="DaqiAssessor"/>);
/// this class only holds the published table.
/// </summary>
public static class DaqiCalculator
{
    // As published, in µg/m³. The ranges are whole numbers with no gaps because a concentration
    // is rounded to a whole µg/m³ before it is banded.
    private static readonly ReadOnlyCollection<DaqiBreakpoint> Pm25Table = Array.AsReadOnly<DaqiBreakpoint>(
    [
        new(1, 0, 11), new(2, 12, 23), new(3, 24, 35), new(4, 36, 41), new(5, 42, 47),
        new(6, 48, 53), new(7, 54, 58), new(8, 59, 64), new(9, 65, 70), new(10, 71, null),
    ]);

    private static readonly ReadOnlyCollection<DaqiBreakpoint> Pm10Table = Array.AsReadOnly<DaqiBreakpoint>(
    [
        new(1, 0, 16), new(2, 17, 33), new(3, 34, 50), new(4, 51, 58), new(5, 59, 66),
        new(6, 67, 75), new(7, 76, 83), new(8, 84, 91), new(9, 92, 100), new(10, 101, null),
    ]);

    private static readonly ReadOnlyCollection<DaqiBreakpoint> No2Table = Array.AsReadOnly<DaqiBreakpoint>(
    [
        new(1, 0, 67), new(2, 68, 134), new(3, 135, 200), new(4, 201, 267), new(5, 268, 334),
        new(6, 335, 400), new(7, 401, 467), new(8, 468, 534), new(9, 535, 600), new(10, 601, null),
    ]);

    private static readonly ReadOnlyCollection<DaqiBreakpoint> O3Table = Array.AsReadOnly<DaqiBreakpoint>(
    [
        new(1, 0, 33), new(2, 34, 66), new(3, 67, 100), new(4, 101, 120), new(5, 121, 140),
        new(6, 141, 160), new(7, 161, 187), new(8, 188, 213), new(9, 214, 240), new(10, 241, null),
    ]);

    /// <summary>The published breakpoints of a pollutant, index 1 first.</summary>
    public static IReadOnlyList<DaqiBreakpoint> Breakpoints(DaqiPollutant pollutant) => TableOf(pollutant);

    /// <summary>
    /// The index of an averaged concentration in µg/m³, rounded to a whole µg/m³ (midpoint away
    /// from zero) first, as Defra does: 11.5 µg/m³ of PM2.5 is 12, so index 2.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The concentration is negative, NaN or infinite.</exception>
    public static int Index(DaqiPollutant pollutant, double concentration)
    {
        if (!double.IsFinite(concentration) || concentration < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(concentration), concentration, "A concentration is a finite number of µg/m³, zero or more.");
        }

        var table = TableOf(pollutant);
        var whole = Math.Round(concentration, MidpointRounding.AwayFromZero);
        for (var i = 0; i < table.Count; i++)
        {
            if (table[i].High is not { } high || whole <= high)
            {
                return table[i].Index;
            }
        }

        throw new UnreachableException("The last breakpoint of every table is open-ended.");
    }

    /// <exception cref="ArgumentOutOfRangeException">The index is not 1–10.</exception>
    public static DaqiBand BandOf(int index) => index switch
    {
        >= 1 and <= 3 => DaqiBand.Low,
        >= 4 and <= 6 => DaqiBand.Moderate,
        >= 7 and <= 9 => DaqiBand.High,
        10 => DaqiBand.VeryHigh,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A DAQI index is 1 to 10."),
    };

    private static ReadOnlyCollection<DaqiBreakpoint> TableOf(DaqiPollutant pollutant) => pollutant switch
    {
        DaqiPollutant.Pm25 => Pm25Table,
        DaqiPollutant.Pm10 => Pm10Table,
        DaqiPollutant.No2 => No2Table,
        DaqiPollutant.O3 => O3Table,
        _ => throw new ArgumentOutOfRangeException(nameof(pollutant), pollutant, "Not a DAQI pollutant."),
    };
}
