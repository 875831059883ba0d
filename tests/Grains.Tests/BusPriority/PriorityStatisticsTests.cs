using UrbanTwin.Contracts.Readings;
using UrbanTwin.Grains.Abstractions.BusPriority;
using UrbanTwin.Grains.BusPriority;

namespace UrbanTwin.Grains.Tests.BusPriority;

public sealed class PriorityStatisticsTests
{
    private const long Now = 1_557_219_600_000;

    [Fact]
    public void Counts_requests_grants_and_reasons_in_total_and_per_route()
    {
        var statistics = new PriorityStatistics();

        statistics.Record(Request("38", 120), Granted(PriorityReasons.Late));
        statistics.Record(Request("38", 10), Denied(PriorityReasons.Inhibited));
        statistics.Record(Request("38", 0), Denied(PriorityReasons.OnTime));
        statistics.Record(Request("7", -30), Granted(PriorityReasons.Congested));
        statistics.Record(Request("7", 200), Denied(PriorityReasons.HourlyCap));

        Assert.Equal((5L, 2L, 3L), (statistics.Total.Requests, statistics.Total.Granted, statistics.Total.Denied));
        Assert.Equal(
            new Dictionary<string, long> { ["late"] = 1, ["inhibited"] = 1, ["on-time"] = 1, ["congested"] = 1, ["hourly-cap"] = 1 },
            statistics.Total.Reasons);
        Assert.Equal(["38", "7"], statistics.Routes.Keys.Order(StringComparer.Ordinal));
        var route38 = statistics.Routes["38"];
        Assert.Equal((3L, 1L, 2L), (route38.Requests, route38.Granted, route38.Denied));
        Assert.Equal((1L, 1L, 1L, 0L), (route38.CountOf("late"), route38.CountOf("inhibited"), route38.CountOf("on-time"), route38.CountOf("congested")));
        var route7 = statistics.Routes["7"];
        Assert.Equal((2L, 1L, 1L), (route7.Requests, route7.Granted, route7.Denied));
        Assert.Equal(1L, route7.CountOf(PriorityReasons.HourlyCap));
        Assert.Equal(0, statistics.OtherRoutes.Requests);
    }

    [Fact]
    public void Mean_lateness_counts_granted_requests_only()
    {
        var statistics = new PriorityStatistics();

        statistics.Record(Request("38", 120), Granted(PriorityReasons.Late));
        statistics.Record(Request("38", -30), Granted(PriorityReasons.Congested));
        statistics.Record(Request("38", 900), Denied(PriorityReasons.Inhibited));
        statistics.Record(Request("7", 900), Denied(PriorityReasons.HourlyCap));

        Assert.Equal(45, statistics.Total.MeanGrantedLatenessSeconds);
        Assert.Equal(45, statistics.Routes["38"].MeanGrantedLatenessSeconds);
        Assert.Null(statistics.Routes["7"].MeanGrantedLatenessSeconds);
    }

    [Fact]
    public void Routes_beyond_the_bound_are_counted_together()
    {
        var statistics = new PriorityStatistics();

        for (var route = 0; route < 300; route++)
        {
            statistics.Record(Request($"R{route}", 120), Granted(PriorityReasons.Late));
        }

        statistics.Record(Request("R0", 0), Denied(PriorityReasons.OnTime));
        statistics.Record(Request("R299", 0), Denied(PriorityReasons.OnTime));

        Assert.Equal(256, statistics.Routes.Count);
        Assert.Equal(2, statistics.Routes["R0"].Requests);
        Assert.False(statistics.Routes.ContainsKey("R256"));
        Assert.Equal((45L, 44L, 1L), (statistics.OtherRoutes.Requests, statistics.OtherRoutes.Granted, statistics.OtherRoutes.CountOf("on-time")));
        Assert.Equal(302, statistics.Total.Requests);
    }

    [Fact]
    public void Route_named_other_is_a_route_of_its_own()
    {
        var statistics = new PriorityStatistics(maxRoutes: 1);

        statistics.Record(Request("other", 120), Granted(PriorityReasons.Late));
        statistics.Record(Request("38", 120), Granted(PriorityReasons.Late));

        Assert.Equal(1, statistics.Routes["other"].Requests);
        Assert.Equal(1, statistics.OtherRoutes.Requests);
    }

    [Fact]
    public void Statistics_survive_an_orleans_round_trip()
    {
        var statistics = new PriorityStatistics(maxRoutes: 1);
        statistics.Record(Request("38", 120), Granted(PriorityReasons.Late));
        statistics.Record(Request("7", 0), Denied(PriorityReasons.OnTime));

        var copy = OrleansRoundTrip.Copy(statistics);
        copy.Record(Request("9", 0), Denied(PriorityReasons.OnTime));

        Assert.Equal(3, copy.Total.Requests);
        Assert.Equal(120, copy.Routes["38"].MeanGrantedLatenessSeconds);
        Assert.Equal(2L, copy.OtherRoutes.CountOf(PriorityReasons.OnTime));
    }

    private static PriorityRequest Request(string route, double lateSeconds) =>
        new(1, Now, "BX-1042", route, Approach.South, 10, lateSeconds);

    private static PriorityDecision Granted(string reason) =>
        new(1, PriorityOutcome.Granted, PriorityAction.ExtendGreen, 10, reason, Now);

    private static PriorityDecision Denied(string reason) =>
        new(1, PriorityOutcome.Denied, PriorityAction.ExtendGreen, 0, reason, Now);
}
