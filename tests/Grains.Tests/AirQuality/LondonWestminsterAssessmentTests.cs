using System.Globalization;
using UrbanTwin.Grains.AirQuality;
using UrbanTwin.TestSupport.Readings;

namespace UrbanTwin.Grains.Tests.AirQuality;

/// <summary>
/// The assessor on a real station: London Westminster's hourly PM2.5 and NO2, May–June 2019, with
/// its real gaps. Expected values are recomputed here straight from the CSV rows.
/// </summary>
public sealed class LondonWestminsterAssessmentTests
{
    private const string Station = "London Westminster";

    private static readonly IReadOnlyList<(DateTimeOffset Time, double Value)> Pm25 = OpenAqCsv.Read("openaq-pm25-long.csv", Station);
    private static readonly IReadOnlyList<(DateTimeOffset Time, double Value)> No2 = OpenAqCsv.Read("openaq-no2-long.csv", Station);

    /// <summary>
    /// Feeds a station's readings in the order they were taken, up to the end of the assessed hour,
    /// into means keeping as many hours as a twin does.
    /// </summary>
    private static HourlyMeans FedUpTo(DaqiPollutant pollutant, IReadOnlyList<(DateTimeOffset Time, double Value)> rows, DateTimeOffset hour)
    {
        var means = new HourlyMeans(DaqiAssessor.AveragingHours(pollutant));
        foreach (var (time, value) in rows.Where(r => r.Time < hour.AddHours(1)).OrderBy(r => r.Time))
        {
            means.Add(time.ToUnixTimeMilliseconds(), value);
        }

        return means;
    }

    private static AirQualityAssessment AssessAt(DateTimeOffset hour) =>
        DaqiAssessor.Assess(hour.ToUnixTimeMilliseconds(), FedUpTo(DaqiPollutant.Pm25, Pm25, hour), pm10: null, FedUpTo(DaqiPollutant.No2, No2, hour), o3: null);

    private static DateTimeOffset Hour(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [Fact]
    public void The_series_has_one_row_per_hour_and_gaps()
    {
        Assert.Equal(1009, Pm25.Count);
        Assert.Equal(969, No2.Count);
        Assert.Equal(Pm25.Count, Pm25.Select(r => r.Time).Distinct().Count());
        Assert.Equal(No2.Count, No2.Select(r => r.Time).Distinct().Count());
    }

    [Theory]
    [InlineData("2019-05-09 15:00")] // 22 of 24 hours
    [InlineData("2019-05-11 14:00")] // 19 of 24: five hours missing that morning; the mean rounds down to 11
    [InlineData("2019-05-11 20:00")] // 19 of 24; the mean, 11.95, rounds up to 12, the edge of index 2
    [InlineData("2019-05-20 05:00")] // 24 of 24, the highest 24-hour mean of the series
    public void Pm25_index_is_that_of_the_24_hour_mean_of_the_csv_rows(string hourText)
    {
        var hour = Hour(hourText);
        var day = Pm25.Where(r => r.Time > hour.AddHours(-24) && r.Time <= hour).ToList();
        Assert.True(day.Count >= 18, $"{hourText}: only {day.Count} of 24 hours in the CSV; pick another hour");
        var expectedMean = day.Average(r => r.Value);
        var expectedIndex = DaqiCalculator.Index(DaqiPollutant.Pm25, expectedMean);

        var pm25 = AssessAt(hour).Pm25;

        Assert.True(pm25 is not null, $"{hourText}: no PM2.5 index, though {day.Count} of 24 hours have data");
        Assert.True(
            Math.Abs(pm25.Concentration - expectedMean) < 1e-9 && pm25.Index == expectedIndex,
            $"{hourText}: expected 24-hour mean {expectedMean} µg/m³ (index {expectedIndex}) over {day.Count} hours, got {pm25.Concentration} (index {pm25.Index})");
    }

    [Theory]
    [InlineData("2019-05-09 15:00")] // 97 µg/m³, the highest hour of the series
    [InlineData("2019-05-20 05:00")]
    [InlineData("2019-06-17 11:00")] // the last NO2 row
    public void No2_index_is_that_of_the_csv_row_for_the_hour(string hourText)
    {
        var hour = Hour(hourText);
        var row = Assert.Single(No2, r => r.Time == hour);
        var expectedIndex = DaqiCalculator.Index(DaqiPollutant.No2, row.Value);

        var no2 = AssessAt(hour).No2;

        Assert.True(
            no2 is not null && no2.Concentration == row.Value && no2.Index == expectedIndex,
            $"{hourText}: expected {row.Value} µg/m³ (index {expectedIndex}), got {(no2 is null ? "no index" : $"{no2.Concentration} (index {no2.Index})")}");
    }

    [Theory]
    [InlineData("2019-05-11 14:00")]
    [InlineData("2019-06-18 12:00")] // after the station's NO2 rows end
    public void No2_has_no_index_for_an_hour_missing_from_the_csv(string hourText)
    {
        var hour = Hour(hourText);
        Assert.DoesNotContain(No2, r => r.Time == hour);

        var no2 = AssessAt(hour).No2;

        Assert.True(no2 is null, $"{hourText}: the CSV has no NO2 row, yet the assessment has {no2}");
    }

    [Fact]
    public void Overall_index_is_the_worse_of_pm25_and_no2()
    {
        var assessment = AssessAt(Hour("2019-05-09 15:00"));

        Assert.Equal(Math.Max(assessment.Pm25!.Index, assessment.No2!.Index), assessment.OverallIndex);
        Assert.Equal(DaqiBand.Low, assessment.Band);
    }

    [Fact]
    public void Pm25_running_mean_matches_the_csv_at_every_hour_of_the_series()
    {
        var means = new HourlyMeans(DaqiAssessor.AveragingHours(DaqiPollutant.Pm25));
        var chronological = Pm25.OrderBy(r => r.Time).ToList();
        var mismatches = new List<string>();
        var next = 0;
        for (var hour = chronological[0].Time; hour <= chronological[^1].Time; hour = hour.AddHours(1))
        {
            for (; next < chronological.Count && chronological[next].Time == hour; next++)
            {
                means.Add(hour.ToUnixTimeMilliseconds(), chronological[next].Value);
            }

            var day = chronological.Where(r => r.Time > hour.AddHours(-24) && r.Time <= hour).ToList();
            double? expected = day.Count >= 18 ? day.Average(r => r.Value) : null;
            var actual = DaqiAssessor.Assess(hour.ToUnixTimeMilliseconds(), means, null, null, null).Pm25?.Concentration;
            if (expected.HasValue != actual.HasValue || (expected is { } e && actual is { } a && Math.Abs(e - a) > 1e-9))
            {
                mismatches.Add($"{hour:yyyy-MM-dd HH:mm} ({day.Count} h): expected {expected?.ToString(CultureInfo.InvariantCulture) ?? "none"}, got {actual?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} hours differ: " + string.Join("; ", mismatches.Take(5)));
    }
}
