using System.Globalization;
using UrbanTwin.Grains.Footfall;

namespace UrbanTwin.Grains.Tests.Footfall;

public sealed class FootfallTallyTests
{
    private const int FiveMinutes = 300;
    private const int OneHour = 3600;
    private const int OneDay = 86_400;

    [Fact]
    public void Interval_ending_on_the_hour_belongs_to_the_hour_before()
    {
        var tally = new FootfallTally();

        Assert.Equal(FootfallIntervalResult.Added, tally.Add(Ms("2019-05-07T10:00:00Z"), FiveMinutes, 4, 2));

        Assert.Equal((4L, 2L), tally.HourTotal(Ms("2019-05-07T09:00:00Z")));
        Assert.Equal((0L, 0L), tally.HourTotal(Ms("2019-05-07T10:00:00Z")));
    }

    [Fact]
    public void Interval_ending_a_millisecond_after_the_hour_belongs_to_the_new_hour()
    {
        var tally = new FootfallTally();

        tally.Add(Ms("2019-05-07T10:00:00.001Z"), FiveMinutes, 4, 2);

        Assert.Equal((0L, 0L), tally.HourTotal(Ms("2019-05-07T09:00:00Z")));
        Assert.Equal((4L, 2L), tally.HourTotal(Ms("2019-05-07T10:00:00Z")));
    }

    [Fact]
    public void Intervals_arriving_in_any_order_add_up()
    {
        var tally = new FootfallTally();
        int[] order = [7, 2, 11, 0, 5, 9, 1, 10, 3, 8, 4, 6];

        foreach (var i in order)
        {
            Assert.Equal(FootfallIntervalResult.Added, tally.Add(Ms("2019-05-07T09:05:00Z") + (i * FiveMinutes * 1000L), FiveMinutes, i, 1));
        }

        Assert.Equal((66L, 12L), tally.HourTotal(Ms("2019-05-07T09:00:00Z")));
        Assert.Equal((66L, 12L), tally.DayTotal(new DateOnly(2019, 5, 7)));
    }

    [Fact]
    public void Same_interval_sent_again_is_counted_once()
    {
        var tally = new FootfallTally();
        tally.Add(Ms("2019-05-07T09:15:00Z"), FiveMinutes, 4, 2);

        Assert.Equal(FootfallIntervalResult.Duplicate, tally.Add(Ms("2019-05-07T09:15:00Z"), FiveMinutes, 4, 2));

        Assert.Equal((4L, 2L), tally.HourTotal(Ms("2019-05-07T09:00:00Z")));
        Assert.Equal((4L, 2L), tally.DayTotal(new DateOnly(2019, 5, 7)));
    }

    [Theory]
    [InlineData(9, 5)]
    [InlineData(1, 0)]
    [InlineData(0, 0)]
    public void Corrected_resend_replaces_the_counts(int correctedIn, int correctedOut)
    {
        var tally = new FootfallTally();
        tally.Add(Ms("2019-05-07T09:10:00Z"), FiveMinutes, 10, 10);
        tally.Add(Ms("2019-05-07T09:15:00Z"), FiveMinutes, 4, 2);

        Assert.Equal(FootfallIntervalResult.Replaced, tally.Add(Ms("2019-05-07T09:15:00Z"), FiveMinutes, correctedIn, correctedOut));

        Assert.Equal((10L + correctedIn, 10L + correctedOut), tally.HourTotal(Ms("2019-05-07T09:00:00Z")));
        Assert.Equal((10L + correctedIn, 10L + correctedOut), tally.DayTotal(new DateOnly(2019, 5, 7)));
    }

    [Fact]
    public void Same_end_with_another_length_is_another_interval()
    {
        var tally = new FootfallTally();

        Assert.Equal(FootfallIntervalResult.Added, tally.Add(Ms("2019-05-07T09:15:00Z"), FiveMinutes, 4, 2));
        Assert.Equal(FootfallIntervalResult.Added, tally.Add(Ms("2019-05-07T09:15:00Z"), 60, 1, 1));

        Assert.Equal((5L, 3L), tally.HourTotal(Ms("2019-05-07T09:00:00Z")));
    }

    [Fact]
    public void Late_interval_in_the_oldest_retained_hour_is_accepted()
    {
        var tally = new FootfallTally();
        tally.Add(Ms("2019-05-09T10:00:00Z"), OneHour, 1, 1);

        Assert.Equal(FootfallIntervalResult.Added, tally.Add(Ms("2019-05-07T11:00:00Z"), OneHour, 3, 4));

        Assert.Equal((3L, 4L), tally.HourTotal(Ms("2019-05-07T10:00:00Z")));
    }

    [Fact]
    public void Interval_older_than_48_hours_is_refused_and_changes_nothing()
    {
        var tally = new FootfallTally();
        tally.Add(Ms("2019-05-09T10:00:00Z"), OneHour, 1, 1);

        Assert.Equal(FootfallIntervalResult.TooOld, tally.Add(Ms("2019-05-07T10:00:00Z"), OneHour, 3, 4));

        Assert.Equal((0L, 0L), tally.HourTotal(Ms("2019-05-07T09:00:00Z")));
        Assert.Equal((1L, 1L), tally.DayTotal(new DateOnly(2019, 5, 9)));
        Assert.Equal((0L, 0L), tally.DayTotal(new DateOnly(2019, 5, 7)));
    }

    [Fact]
    public void Hours_leaving_the_window_are_dropped_and_their_resends_refused()
    {
        var tally = new FootfallTally();
        tally.Add(Ms("2019-05-07T10:00:00Z"), OneHour, 3, 4);
        tally.Add(Ms("2019-05-07T11:00:00Z"), OneHour, 5, 6);

        tally.Add(Ms("2019-05-09T10:00:00Z"), OneHour, 1, 1);

        Assert.Equal((0L, 0L), tally.HourTotal(Ms("2019-05-07T09:00:00Z")));
        Assert.Equal((5L, 6L), tally.HourTotal(Ms("2019-05-07T10:00:00Z")));
        Assert.Equal(FootfallIntervalResult.TooOld, tally.Add(Ms("2019-05-07T10:00:00Z"), OneHour, 3, 4));
        Assert.Equal(FootfallIntervalResult.Duplicate, tally.Add(Ms("2019-05-07T11:00:00Z"), OneHour, 5, 6));
    }

    [Fact]
    public void Daily_totals_are_kept_for_8_local_days()
    {
        var tally = new FootfallTally();
        for (var day = 1; day <= 9; day++)
        {
            // Local midnight in May is 23:00 UTC the day before (BST).
            var localMidnightAfter = new DateTimeOffset(2019, 5, day, 23, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
            Assert.Equal(FootfallIntervalResult.Added, tally.Add(localMidnightAfter, OneDay, day, 10 * day));
        }

        Assert.Equal((0L, 0L), tally.DayTotal(new DateOnly(2019, 5, 1)));
        for (var day = 2; day <= 9; day++)
        {
            Assert.Equal(((long)day, 10L * day), tally.DayTotal(new DateOnly(2019, 5, day)));
        }
    }

    [Fact]
    public void Local_day_follows_british_summer_time()
    {
        var tally = new FootfallTally();

        tally.Add(Ms("2019-05-07T23:00:00Z"), FiveMinutes, 1, 0);
        tally.Add(Ms("2019-05-07T23:30:00Z"), FiveMinutes, 0, 1);

        Assert.Equal((1L, 0L), tally.DayTotal(new DateOnly(2019, 5, 7)));
        Assert.Equal((0L, 1L), tally.DayTotal(new DateOnly(2019, 5, 8)));
    }

    [Fact]
    public void Day_of_the_spring_change_has_23_hours()
    {
        var tally = new FootfallTally();

        // Hourly intervals ending 2019-03-31T00:00Z (00:00 GMT) to 2019-04-01T00:00Z (01:00 BST).
        for (var end = Ms("2019-03-31T00:00:00Z"); end <= Ms("2019-04-01T00:00:00Z"); end += OneHour * 1000L)
        {
            Assert.Equal(FootfallIntervalResult.Added, tally.Add(end, OneHour, 1, 2));
        }

        Assert.Equal((1L, 2L), tally.DayTotal(new DateOnly(2019, 3, 30)));
        Assert.Equal((23L, 46L), tally.DayTotal(new DateOnly(2019, 3, 31)));
        Assert.Equal((1L, 2L), tally.DayTotal(new DateOnly(2019, 4, 1)));
    }

    [Fact]
    public void Day_of_the_autumn_change_has_25_hours()
    {
        var tally = new FootfallTally();

        // Hourly intervals ending 2019-10-26T23:00Z (00:00 BST) to 2019-10-28T01:00Z (01:00 GMT).
        for (var end = Ms("2019-10-26T23:00:00Z"); end <= Ms("2019-10-28T01:00:00Z"); end += OneHour * 1000L)
        {
            tally.Add(end, OneHour, 1, 0);
        }

        Assert.Equal((1L, 0L), tally.DayTotal(new DateOnly(2019, 10, 26)));
        Assert.Equal((25L, 0L), tally.DayTotal(new DateOnly(2019, 10, 27)));
        Assert.Equal((1L, 0L), tally.DayTotal(new DateOnly(2019, 10, 28)));
    }

    [Fact]
    public void Local_days_follow_the_given_time_zone()
    {
        var london = new FootfallTally();
        var seattle = new FootfallTally(TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));

        // 06:00 UTC on 2 May is 23:00 PDT on 1 May.
        london.Add(Ms("2019-05-02T06:00:00Z"), OneHour, 3, 1);
        seattle.Add(Ms("2019-05-02T06:00:00Z"), OneHour, 3, 1);

        Assert.Equal("Europe/London", london.TimeZoneId);
        Assert.Equal((3L, 1L), london.DayTotal(new DateOnly(2019, 5, 2)));
        Assert.Equal((3L, 1L), seattle.DayTotal(new DateOnly(2019, 5, 1)));
        Assert.Equal((3L, 1L), seattle.HourTotal(Ms("2019-05-02T05:00:00Z")));
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(86_401, 1, 1)]
    [InlineData(300, -1, 1)]
    [InlineData(300, 1, -1)]
    public void Interval_outside_the_contract_is_refused_with_an_exception(int intervalSeconds, int countIn, int countOut)
    {
        var tally = new FootfallTally();

        Assert.Throws<ArgumentOutOfRangeException>(() => tally.Add(Ms("2019-05-07T09:15:00Z"), intervalSeconds, countIn, countOut));
    }

    [Fact]
    public void Hour_total_wants_the_start_of_an_hour()
    {
        var tally = new FootfallTally();

        Assert.Throws<ArgumentOutOfRangeException>(() => tally.HourTotal(Ms("2019-05-07T09:30:00Z")));
    }

    [Fact]
    public void Tally_survives_an_orleans_round_trip()
    {
        var tally = new FootfallTally(TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));
        tally.Add(Ms("2019-05-02T06:00:00Z"), OneHour, 3, 1);
        tally.Add(Ms("2019-05-03T06:00:00Z"), OneHour, 5, 2);

        var copy = OrleansRoundTrip.Copy(tally);

        Assert.Equal("America/Los_Angeles", copy.TimeZoneId);
        Assert.Equal((3L, 1L), copy.DayTotal(new DateOnly(2019, 5, 1)));
        Assert.Equal((5L, 2L), copy.HourTotal(Ms("2019-05-03T05:00:00Z")));
        Assert.Equal(FootfallIntervalResult.Duplicate, copy.Add(Ms("2019-05-03T06:00:00Z"), OneHour, 5, 2));
        Assert.Equal(FootfallIntervalResult.Replaced, copy.Add(Ms("2019-05-02T06:00:00Z"), OneHour, 4, 1));
        Assert.Equal(FootfallIntervalResult.TooOld, copy.Add(Ms("2019-05-01T06:00:00Z"), OneHour, 4, 1));
        Assert.Equal((4L, 1L), copy.DayTotal(new DateOnly(2019, 5, 1)));
    }

    private static long Ms(string utc) =>
        DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();
}
