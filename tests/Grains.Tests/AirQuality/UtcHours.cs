namespace UrbanTwin.Grains.Tests.AirQuality;

/// <summary>Clock hours counted from an arbitrary UTC midnight, as Unix epoch milliseconds.</summary>
public static class UtcHours
{
    public const long HourMs = 3_600_000;

    // 2019-05-20T00:00:00Z.
    public const long Origin = 1_558_310_400_000;

    public static long Start(int hour) => Origin + (hour * HourMs);
}
