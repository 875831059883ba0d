namespace UrbanTwin.Grains.Tests.Twins;

/// <summary>
/// Twin states as an earlier release stored them, byte for byte (the payload column of grain
/// storage), made by that release's twins through their grain calls: an air-quality station
/// registered in an area, with 36 hours of PM2.5, PM10, NO2 and O3 (gaps, two late readings, an
/// active high-index alert, a journal position), and a junction with two decisions. The station's
/// clock stood at <see cref="StoredAtMs"/>.
/// </summary>
internal static class StoredTwinStates
{
    /// <summary>2026-11-20T00:00Z: the station's first hour.</summary>
    public const long FirstHourMs = 1_795_132_800_000;

    public const long HourMs = 3_600_000;

    /// <summary>2026-11-21T12:05Z: when the states were stored.</summary>
    public const long StoredAtMs = FirstHourMs + (36 * HourMs) + (5 * 60_000);

    /// <summary>Stored before December 2026, when the hourly means were 48-hour rings in a dictionary.</summary>
    public static byte[] AirQualityStation2026 => Read("air-quality-station-2026-11.bin");

    /// <summary>Stored before December 2026, with the empty collections twins stored then.</summary>
    public static byte[] Junction2026 => Read("junction-2026-11.bin");

    public static long Hour(int hour) => FirstHourMs + (hour * HourMs);

    private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Twins", "StoredStates", name));
}
