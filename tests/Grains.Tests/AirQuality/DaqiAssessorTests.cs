using UrbanTwin.Grains.AirQuality;
using static UrbanTwin.Grains.Tests.AirQuality.UtcHours;

namespace UrbanTwin.Grains.Tests.AirQuality;

public sealed class DaqiAssessorTests
{
    /// <summary>Hours kept by the means in these tests: enough for the longest average, whatever the pollutant.</summary>
    private const int Retained = 24;

    private static readonly long Assessed = Start(30);

    /// <summary>One reading in each of the <paramref name="hours"/> hours ending with the assessed hour.</summary>
    private static HourlyMeans Steady(double value, int hours)
    {
        var means = new HourlyMeans(Retained);
        for (var h = 0; h < hours; h++)
        {
            means.Add(Assessed - (h * HourMs), value);
        }

        return means;
    }

    [Fact]
    public void Pm25_is_scored_on_its_24_hour_running_mean()
    {
        var pm25 = Steady(10, 24);
        pm25.Add(Assessed, 130);

        var assessment = DaqiAssessor.Assess(Assessed, pm25, null, null, null);

        // The assessed hour averages (10 + 130) / 2 = 70; the 24 hours average (23 × 10 + 70) / 24 = 12.5.
        Assert.Equal(new PollutantIndex(12.5, 2), assessment.Pm25);
    }

    [Fact]
    public void Pm10_is_scored_on_its_24_hour_running_mean()
    {
        var pm10 = Steady(10, 23);
        pm10.Add(Assessed - (23 * HourMs), 202);

        var assessment = DaqiAssessor.Assess(Assessed, null, pm10, null, null);

        Assert.Equal(new PollutantIndex(18, 2), assessment.Pm10);
    }

    [Fact]
    public void No2_is_scored_on_the_mean_of_the_assessed_hour_alone()
    {
        var no2 = new HourlyMeans(Retained);
        no2.Add(Assessed - HourMs, 700);
        no2.Add(Assessed, 0);
        no2.Add(Assessed + 1, 800);
        no2.Add(Assessed + HourMs, 700);

        var assessment = DaqiAssessor.Assess(Assessed, null, null, no2, null);

        Assert.Equal(new PollutantIndex(400, 6), assessment.No2);
    }

    [Fact]
    public void No2_without_a_reading_in_the_assessed_hour_has_no_index()
    {
        var no2 = Steady(50, 24);
        var next = Assessed + HourMs;

        var assessment = DaqiAssessor.Assess(next, null, null, no2, null);

        Assert.Null(assessment.No2);
    }

    [Fact]
    public void O3_is_scored_on_its_8_hour_running_mean()
    {
        var o3 = Steady(130, 8);
        o3.Add(Assessed - (8 * HourMs), 1000);

        var assessment = DaqiAssessor.Assess(Assessed, null, null, null, o3);

        Assert.Equal(new PollutantIndex(130, 5), assessment.O3);
    }

    [Fact]
    public void O3_with_5_of_8_hours_has_no_index()
    {
        var assessment = DaqiAssessor.Assess(Assessed, null, null, null, Steady(130, 5));

        Assert.Null(assessment.O3);
    }

    [Fact]
    public void Pm25_with_17_of_24_hours_has_no_index()
    {
        var assessment = DaqiAssessor.Assess(Assessed, Steady(30, 17), null, null, null);

        Assert.Null(assessment.Pm25);
    }

    [Fact]
    public void Pollutant_the_station_does_not_measure_has_no_index()
    {
        var assessment = DaqiAssessor.Assess(Assessed, Steady(30, 24), null, Steady(30, 1), null);

        Assert.Null(assessment.Pm10);
        Assert.Null(assessment.O3);
    }

    [Fact]
    public void Overall_index_band_and_worst_pollutant_follow_the_highest_index()
    {
        var assessment = DaqiAssessor.Assess(
            Assessed, pm25: Steady(30, 24), pm10: Steady(55, 24), no2: Steady(450, 1), o3: Steady(50, 8));

        Assert.Equal((3, 4, 7, 2), (assessment.Pm25?.Index, assessment.Pm10?.Index, assessment.No2?.Index, assessment.O3?.Index));
        Assert.Equal(7, assessment.OverallIndex);
        Assert.Equal(DaqiBand.High, assessment.Band);
        Assert.Equal(DaqiPollutant.No2, assessment.WorstPollutant);
    }

    [Fact]
    public void Tie_for_worst_goes_to_the_first_pollutant_in_table_order()
    {
        var assessment = DaqiAssessor.Assess(Assessed, null, pm10: Steady(60, 24), no2: Steady(300, 1), o3: Steady(130, 8));

        Assert.Equal(5, assessment.OverallIndex);
        Assert.Equal(DaqiPollutant.Pm10, assessment.WorstPollutant);
    }

    [Fact]
    public void Without_enough_data_for_any_pollutant_there_is_no_overall_index()
    {
        var assessment = DaqiAssessor.Assess(Assessed, Steady(30, 10), null, new HourlyMeans(Retained), Steady(50, 2));

        Assert.Null(assessment.OverallIndex);
        Assert.Null(assessment.Band);
        Assert.Null(assessment.WorstPollutant);
    }

    [Fact]
    public void Assessment_names_the_hour_assessed()
    {
        Assert.Equal(Assessed, DaqiAssessor.Assess(Assessed, null, null, null, null).HourStartMs);
    }
}
