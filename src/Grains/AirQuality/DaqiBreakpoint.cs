namespace UrbanTwin.Grains.AirQuality;

/// <summary>
/// One row of the DAQI breakpoint table: the whole µg/m³ range, both ends inclusive, that scores
/// <paramref name="Index"/>. <paramref name="High"/> is null for index 10, which has no upper end.
/// </summary>
public sealed record DaqiBreakpoint(int Index, int Low, int? High);
