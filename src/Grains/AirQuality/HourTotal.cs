using System.Runtime.InteropServices;

namespace UrbanTwin.Grains.AirQuality;

/// <summary>
/// The readings of one clock hour: their sum and how many. Packed to 12 bytes (no padding after
/// the count), since a pollutant's ring holds one per hour it keeps.
/// </summary>
[GenerateSerializer]
[Alias("ut.HourTotal")]
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct HourTotal(double Sum, int Count)
{
    public HourTotal Plus(double sum, int count) => new(Sum + sum, Count + count);
}
