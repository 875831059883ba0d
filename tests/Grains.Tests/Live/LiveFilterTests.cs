using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.Live;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.Live;

namespace UrbanTwin.Grains.Tests.Live;

/// <summary>Which live events a listener gets: its key's areas first, then kind, area and box.</summary>
public sealed class LiveFilterTests
{
    private const string Camden = "E09000007";
    private const string Westminster = "E09000033";

    private static readonly IReadOnlySet<string> CamdenOnly = new HashSet<string> { Camden };

    [Theory]
    [InlineData(Camden, true)]
    [InlineData(Westminster, false)]
    [InlineData(null, false)]
    public void A_scoped_listener_gets_only_events_of_its_areas(string? area, bool expected)
    {
        var filter = new LiveFilter(CamdenOnly);

        Assert.Equal(expected, filter.Matches(LiveFeedTests.Event("aq-1", DeviceKind.AirQuality, area)));
        Assert.Equal(expected, filter.Matches(new LiveEvent("aq-1", DeviceKind.AirQuality, area, null, null, Alert: AlertIn(area))));
    }

    [Fact]
    public void The_platforms_own_alerts_reach_only_unscoped_unfiltered_listeners()
    {
        var platform = new LiveEvent("urbantwin:time-series", null, null, null, null, Alert: AlertIn(null));

        Assert.True(new LiveFilter(null).Matches(platform));
        Assert.False(new LiveFilter(CamdenOnly).Matches(platform));
        Assert.False(new LiveFilter(null, DeviceKind.AirQuality).Matches(platform));
        Assert.False(new LiveFilter(null, AreaId: Camden).Matches(platform));
        Assert.False(new LiveFilter(null, Box: new GeoBox(-180, -90, 180, 90)).Matches(platform));
    }

    [Theory]
    [InlineData(DeviceKind.Footfall, null, true)]
    [InlineData(DeviceKind.AirQuality, null, false)]
    [InlineData(null, Westminster, true)]
    [InlineData(null, Camden, false)]
    [InlineData(DeviceKind.Footfall, Westminster, true)]
    [InlineData(DeviceKind.Footfall, Camden, false)]
    public void Kind_and_area_must_both_match(DeviceKind? kind, string? area, bool expected)
    {
        var counter = LiveFeedTests.Event("ff-1", DeviceKind.Footfall, Westminster);

        Assert.Equal(expected, new LiveFilter(null, kind, area).Matches(counter));
    }

    [Theory]
    [InlineData(-0.1246, 51.5007, true)]
    [InlineData(-0.126, 51.4997, true)]
    [InlineData(-0.1270, 51.5194, false)]
    [InlineData(179.5, 51.5, false)]
    public void A_box_keeps_the_assets_standing_in_it_edges_included(double lon, double lat, bool expected)
    {
        var box = new LiveFilter(null, Box: new GeoBox(-0.126, 51.4997, -0.123, 51.5017));

        Assert.Equal(expected, box.Matches(LiveFeedTests.Event("ff-1", DeviceKind.Footfall, Westminster, lon, lat)));
    }

    [Fact]
    public void A_box_across_the_antimeridian_wraps()
    {
        var box = new LiveFilter(null, Box: new GeoBox(179, -20, -179, -10));

        Assert.True(box.Matches(LiveFeedTests.Event("aq-fiji", DeviceKind.AirQuality, null, 179.5, -17.8)));
        Assert.True(box.Matches(LiveFeedTests.Event("aq-samoa", DeviceKind.AirQuality, null, -179.5, -17.8)));
        Assert.False(box.Matches(LiveFeedTests.Event("aq-tonga", DeviceKind.AirQuality, null, -175.2, -17.8)));
    }

    internal static Alert AlertIn(string? area) =>
        new("aq-1:AirQualityHigh:1", "aq-1", DeviceKind.AirQuality, AlertKind.AirQualityHigh, AlertSeverity.Critical, DateTimeOffset.UnixEpoch, "index 10", AreaId: area);
}
