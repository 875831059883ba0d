using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Twins;

namespace UrbanTwin.Grains.Tests.Twins;

/// <summary>When a twin's device counts as silent too long, by its kind, on its own (no grain).</summary>
public sealed class StalenessWatchTests
{
    private const long SeenAtMs = 1_557_216_000_000; // 2019-05-07T08:00:00Z

    private static readonly TwinOptions Options = new()
    {
        AirQualityInterval = TimeSpan.FromMinutes(5),
        FootfallInterval = TimeSpan.FromMinutes(15),
        BusPriorityInterval = TimeSpan.FromMinutes(1),
        StaleAfterIntervals = 3,
        StaleCheckPeriod = TimeSpan.FromMinutes(5),
    };

    [Theory]
    [InlineData(DeviceKind.AirQuality, null, 15)]
    [InlineData(DeviceKind.Footfall, null, 45)]
    [InlineData(DeviceKind.Footfall, 300, 15)]
    [InlineData(DeviceKind.BusPriority, null, 3)]
    public void The_limit_is_three_intervals_of_what_the_kind_expects(DeviceKind kind, int? announcedSeconds, int limitMinutes)
    {
        var twin = Heard(kind, announcedSeconds);

        Assert.Equal(TimeSpan.FromMinutes(limitMinutes), StalenessWatch.Limit(Options, kind, twin));
        Assert.Null(StalenessWatch.StaleReason(Options, twin, SeenAtMs + (limitMinutes * 60_000)));
        Assert.Equal(
            $"no reading for {limitMinutes + 1} min (limit {limitMinutes} min)",
            StalenessWatch.StaleReason(Options, twin, SeenAtMs + ((limitMinutes + 1) * 60_000)));
    }

    [Fact]
    public void The_next_check_is_the_moment_the_limit_passes_but_never_further_than_the_check_period()
    {
        var twin = Heard(DeviceKind.AirQuality, null);

        Assert.Equal(TimeSpan.FromMinutes(5), StalenessWatch.NextCheck(Options, twin, SeenAtMs));
        Assert.Equal(TimeSpan.FromMinutes(1) + TimeSpan.FromMilliseconds(1), StalenessWatch.NextCheck(Options, twin, SeenAtMs + (14 * 60_000)));
        Assert.Equal(TimeSpan.Zero, StalenessWatch.NextCheck(Options, twin, SeenAtMs + (60 * 60_000)));
    }

    [Fact]
    public void A_device_never_heard_from_decommissioned_or_already_stale_is_not_watched()
    {
        var never = new AssetTwinState { Kind = DeviceKind.AirQuality };
        var decommissioned = Heard(DeviceKind.AirQuality, null);
        decommissioned.Decommissioned = true;
        var stale = Heard(DeviceKind.AirQuality, null);
        stale.ActiveAlerts = [new Alert("a:Stale:1", "a", DeviceKind.AirQuality, AlertKind.Stale, AlertSeverity.Warning, DateTimeOffset.UnixEpoch, "silent")];

        foreach (var twin in new[] { never, decommissioned, stale })
        {
            Assert.Null(StalenessWatch.UntilStale(Options, twin, SeenAtMs + 3_600_000));
            Assert.Null(StalenessWatch.StaleReason(Options, twin, SeenAtMs + 3_600_000));
        }
    }

    private static AssetTwinState Heard(DeviceKind kind, int? announcedSeconds) =>
        new() { Kind = kind, LastSeenMs = SeenAtMs, ReportedIntervalSeconds = announcedSeconds };
}
