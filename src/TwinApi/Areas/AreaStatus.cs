using UrbanTwin.Contracts;

namespace UrbanTwin.TwinApi.Areas;

/// <summary>
/// How an area's assets of one kind are now, from their twins: how many are ok, in alert or
/// offline; per stored field the mean, min and max of their latest values and how many assets
/// reported it; for air quality the worst DAQI band and the mean index; for footfall the current
/// hour's totals.
/// </summary>
public sealed record AreaStatus(
    string Area,
    DeviceKind Kind,
    DateTimeOffset At,
    int Assets,
    AreaStatus.StatusCounts Status,
    IReadOnlyDictionary<string, AreaStatus.FieldSummary> Fields,
    AreaStatus.AirQualitySummary? AirQuality,
    AreaStatus.FootfallSummary? Footfall)
{
    public sealed record StatusCounts(int Ok, int Alert, int Offline);

    /// <summary>A field's latest values over the assets that reported it (none: no mean, min or max).</summary>
    public sealed record FieldSummary(string Unit, int Reporting, double? Mean, double? Min, double? Max);

    /// <summary>The worst DAQI band (<c>Low</c>, <c>Moderate</c>, <c>High</c>, <c>VeryHigh</c>) and mean index over the stations that have one.</summary>
    public sealed record AirQualitySummary(int Indexed, string? WorstBand, double? MeanIndex);

    /// <summary>People counted in and out during the hour starting at <see cref="HourStart"/> by the counters that reported in it.</summary>
    public sealed record FootfallSummary(DateTimeOffset HourStart, int Reporting, long In, long Out);
}
