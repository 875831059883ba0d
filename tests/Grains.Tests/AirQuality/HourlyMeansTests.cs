using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using UrbanTwin.Grains.AirQuality;
using static UrbanTwin.Grains.Tests.AirQuality.UtcHours;

namespace UrbanTwin.Grains.Tests.AirQuality;

public sealed class HourlyMeansTests
{
    /// <summary>A day: what a station keeps of PM2.5 and PM10, the longest DAQI average.</summary>
    private const int Day = 24;

    [Fact]
    public void Readings_in_one_clock_hour_are_averaged()
    {
        var means = new HourlyMeans(Day);
        means.Add(Start(10), 10);
        means.Add(Start(10) + (30 * 60_000), 14);
        means.Add(Start(11) - 1, 21);

        Assert.Equal(15, means.HourlyMean(Start(10)));
    }

    [Fact]
    public void Reading_at_the_top_of_the_hour_starts_the_next_hour()
    {
        var means = new HourlyMeans(Day);
        means.Add(Start(11) - 1, 10);
        means.Add(Start(11), 30);

        Assert.Equal(10, means.HourlyMean(Start(10)));
        Assert.Equal(30, means.HourlyMean(Start(11)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3_599_999, 0)]
    [InlineData(3_600_000, 3_600_000)]
    [InlineData(-1, -3_600_000)]
    [InlineData(-3_600_000, -3_600_000)]
    public void HourStartOf_floors_to_the_clock_hour(long timestampMs, long expected)
    {
        Assert.Equal(expected, HourlyMeans.HourStartOf(timestampMs));
    }

    [Fact]
    public void Hour_without_readings_has_no_mean()
    {
        var means = new HourlyMeans(Day);
        means.Add(Start(10), 10);

        Assert.Null(means.HourlyMean(Start(9)));
    }

    [Fact]
    public void Newest_hour_is_the_latest_hour_with_a_reading_whatever_the_arrival_order()
    {
        var means = new HourlyMeans(Day);
        means.Add(Start(12) + 5, 1);
        means.Add(Start(10), 1);

        Assert.Equal(Start(12), means.NewestHourStartMs);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(24)]
    [InlineData(48)]
    public void Late_reading_for_the_oldest_retained_hour_is_kept(int retained)
    {
        var means = new HourlyMeans(retained);
        means.Add(Start(retained - 1), 5);

        var added = means.Add(Start(0), 8);

        Assert.True(added, $"a reading {retained - 1} hours before the newest hour was refused by a ring of {retained}");
        Assert.Equal(8, means.HourlyMean(Start(0)));
    }

    [Fact]
    public void Late_reading_joins_the_readings_already_in_its_hour()
    {
        var means = new HourlyMeans(Day);
        means.Add(Start(5), 10);
        means.Add(Start(20), 1);

        means.Add(Start(5) + 60_000, 20);

        Assert.Equal(15, means.HourlyMean(Start(5)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(24)]
    [InlineData(48)]
    public void Late_reading_older_than_the_retained_hours_is_refused(int retained)
    {
        var means = new HourlyMeans(retained);
        means.Add(Start(retained), 5);

        var added = means.Add(Start(1) - 1, 8);

        Assert.False(added, $"a reading {retained} hours before the newest hour was accepted by a ring of {retained}");
        Assert.Null(means.HourlyMean(Start(0)));
        Assert.Equal(Start(retained), means.NewestHourStartMs);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(24)]
    [InlineData(48)]
    public void Newer_reading_drops_hours_that_leave_the_window(int retained)
    {
        var means = new HourlyMeans(retained);
        means.Add(Start(0), 8);
        means.Add(Start(1), 9);

        means.Add(Start(retained), 5);

        Assert.Null(means.HourlyMean(Start(0)));
        Assert.Equal(9, means.HourlyMean(Start(1)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(24)]
    public void Hour_a_ring_length_on_does_not_inherit_the_readings_of_the_hour_it_replaces(int retained)
    {
        var means = new HourlyMeans(retained);
        means.Add(Start(0), 100);

        means.Add(Start(retained), 4);

        Assert.Equal(4, means.HourlyMean(Start(retained)));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Add_rejects_a_value_that_is_negative_or_not_finite(double value)
    {
        var means = new HourlyMeans(Day);

        Assert.Throws<ArgumentOutOfRangeException>(() => means.Add(Start(0), value));
        Assert.Null(means.NewestHourStartMs);
    }

    [Theory]
    [InlineData(24, 18, true)]
    [InlineData(24, 17, false)]
    [InlineData(8, 6, true)]
    [InlineData(8, 5, false)]
    [InlineData(1, 1, true)]
    [InlineData(1, 0, false)]
    public void RunningMean_needs_75_percent_of_its_hours(int hours, int hoursWithData, bool expectMean)
    {
        var means = new HourlyMeans(Day);
        for (var h = 0; h < hoursWithData; h++)
        {
            means.Add(Start(h), 10);
        }

        var mean = means.RunningMean(Start(hours - 1), hours);

        Assert.True(
            mean.HasValue == expectMean,
            $"{hoursWithData} of {hours} hours with data: expected {(expectMean ? "a mean" : "no mean")}, got {mean?.ToString() ?? "none"}");
    }

    [Fact]
    public void RunningMean_is_the_mean_of_the_hours_that_have_data()
    {
        var means = new HourlyMeans(Day);
        for (var h = 0; h < 24; h++)
        {
            if (h % 4 != 1)
            {
                means.Add(Start(h), h);
            }
        }

        // Hours 1, 5, 9, 13, 17 and 21 are missing: 18 hours remain, summing 276 - 66 = 210.
        Assert.Equal(210.0 / 18, means.RunningMean(Start(23), 24)!.Value, 12);
    }

    [Fact]
    public void RunningMean_weighs_every_hour_the_same_however_many_readings_it_has()
    {
        var means = new HourlyMeans(Day);
        means.Add(Start(0), 10);
        means.Add(Start(0) + 1, 10);
        means.Add(Start(0) + 2, 10);
        means.Add(Start(1), 40);

        Assert.Equal(25, means.RunningMean(Start(1), 2));
    }

    [Fact]
    public void RunningMean_leaves_out_hours_after_its_end()
    {
        var means = new HourlyMeans(Day);
        for (var h = 0; h < 8; h++)
        {
            means.Add(Start(h), 10);
        }

        means.Add(Start(8), 1000);

        Assert.Equal(10, means.RunningMean(Start(7), 8));
    }

    [Fact]
    public void RunningMean_honours_a_stricter_coverage()
    {
        var means = new HourlyMeans(Day);
        for (var h = 1; h < 24; h++)
        {
            means.Add(Start(h), 10);
        }

        Assert.Null(means.RunningMean(Start(23), 24, minimumCoverage: 1));
    }

    [Fact]
    public void RunningMean_coverage_is_not_tipped_over_by_floating_point()
    {
        var means = new HourlyMeans(Day);
        for (var h = 3; h < 10; h++)
        {
            means.Add(Start(h), 10);
        }

        // 10 × 0.7 is 7.000000000000001 in binary floating point; seven hours must still do.
        Assert.Equal(10, means.RunningMean(Start(9), 10, minimumCoverage: 0.7));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Day + 1)]
    public void RunningMean_rejects_a_span_outside_the_retained_hours(int hours)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HourlyMeans(Day).RunningMean(Start(47), hours));
    }

    [Fact]
    public void A_ring_keeps_at_least_one_hour()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HourlyMeans(0));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void RunningMean_rejects_a_coverage_outside_0_to_1(double coverage)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HourlyMeans(Day).RunningMean(Start(23), 24, coverage));
    }

    [Fact]
    public void Hour_arguments_must_be_the_start_of_an_hour()
    {
        var means = new HourlyMeans(Day);

        Assert.Throws<ArgumentOutOfRangeException>(() => means.HourlyMean(Start(3) + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => means.RunningMean(Start(3) + 1, 8));
    }

    [Fact]
    public void Survives_an_orleans_serialization_round_trip()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var means = new HourlyMeans(Day);
        means.Add(Start(0), 100);
        means.Add(Start(Day), 4);
        means.Add(Start(Day - 1), 6);
        means.Add(Start(Day - 1) + 1, 8);

        var copy = serializer.Deserialize<HourlyMeans>(serializer.SerializeToArray(means));

        Assert.NotNull(copy);
        Assert.Equal(Day, copy.RetainedHours);
        Assert.Equal(Start(Day), copy.NewestHourStartMs);
        Assert.Equal(4, copy.HourlyMean(Start(Day)));
        Assert.Equal(7, copy.HourlyMean(Start(Day - 1)));
        Assert.Null(copy.HourlyMean(Start(0)));
        Assert.True(copy.Add(Start(1), 3), "the copy refused a reading inside its window");
        Assert.False(copy.Add(Start(0), 3), "the copy accepted a reading outside its window");
    }

    [Fact]
    public void An_empty_ring_survives_an_orleans_serialization_round_trip()
    {
        var copy = OrleansRoundTrip.Copy(new HourlyMeans(8));

        Assert.Null(copy.NewestHourStartMs);
        Assert.Equal(8, copy.RetainedHours);
        Assert.True(copy.Add(Start(3), 2));
        Assert.Equal(2, copy.HourlyMean(Start(3)));
    }

    [Fact]
    public void An_hour_costs_twelve_bytes()
    {
        Assert.Equal(12, Unsafe.SizeOf<HourTotal>());
    }
}
