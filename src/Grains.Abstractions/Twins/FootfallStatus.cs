namespace UrbanTwin.Grains.Abstractions.Twins;

/// <summary>A footfall counter's totals for the hour and the local day of its newest interval.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.FootfallStatus")]
public sealed record FootfallStatus(long HourStartMs, long HourIn, long HourOut, DateOnly Day, long DayIn, long DayOut);
