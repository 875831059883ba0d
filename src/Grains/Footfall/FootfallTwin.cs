using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.AirQuality;
using UrbanTwin.Grains.Twins;
using UrbanTwin.Grains.Twins.Kinds;

namespace UrbanTwin.Grains.Footfall;

/// <summary>
/// A footfall counter's twin: each interval's counts go into its tally (hourly and daily totals in
/// the counter's time zone), and the interval the counter announces is how often it is expected
/// to report.
/// </summary>
internal sealed class FootfallTwin : ITwinKind
{
    public static readonly FootfallTwin Instance = new();

    public TimeSpan ExpectedInterval(TwinOptions options, AssetTwinState twin) =>
        twin.ReportedIntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.FootfallInterval;

    public Task ApplyAsync(AssetTwinState twin, Reading[] readings, ITwinAlerts alerts)
    {
        twin.Footfall ??= new FootfallTally();
        foreach (var reading in readings)
        {
            if (!reading.TryGet(FootfallField.Interval, out var interval))
            {
                continue;
            }

            twin.ReportedIntervalSeconds = (int)interval;
            if (reading.TryGet(FootfallField.CountIn, out var countIn) && reading.TryGet(FootfallField.CountOut, out var countOut))
            {
                twin.Footfall.Add(reading.TimestampMs, (int)interval, (int)countIn, (int)countOut);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The totals of the hour and the day of the newest count; null before the first.</summary>
    public static FootfallStatus? StatusOf(AssetTwinState twin)
    {
        if (twin.Footfall is not { } tally || (twin.Present & (1 << FootfallField.CountIn)) == 0)
        {
            return null;
        }

        var newest = twin.LatestAt[FootfallField.CountIn] - 1;
        var hour = HourlyMeans.HourStartOf(newest);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(newest), TimeZoneInfo.FindSystemTimeZoneById(tally.TimeZoneId)).DateTime);
        var (hourIn, hourOut) = tally.HourTotal(hour);
        var (dayIn, dayOut) = tally.DayTotal(day);
        return new FootfallStatus(hour, hourIn, hourOut, day, dayIn, dayOut);
    }
}
