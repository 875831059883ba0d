using UrbanTwin.Grains.AirQuality;
using static UrbanTwin.Grains.Tests.AirQuality.UtcHours;

namespace UrbanTwin.Grains.Tests.AirQuality;

public sealed class StationMeansTests
{
    private static readonly DaqiPollutant[] Pollutants = [DaqiPollutant.Pm25, DaqiPollutant.Pm10, DaqiPollutant.No2, DaqiPollutant.O3];

    [Fact]
    public void A_pollutant_has_no_means_until_it_reports()
    {
        var station = new StationMeans();

        station.Add(DaqiPollutant.No2, Start(3), 40);

        Assert.NotNull(station.Of(DaqiPollutant.No2));
        Assert.Null(station.Of(DaqiPollutant.Pm25));
        Assert.Null(station.Of(DaqiPollutant.Pm10));
        Assert.Null(station.Of(DaqiPollutant.O3));
    }

    [Theory]
    [InlineData(DaqiPollutant.Pm25, 24)]
    [InlineData(DaqiPollutant.Pm10, 24)]
    [InlineData(DaqiPollutant.No2, 1)]
    [InlineData(DaqiPollutant.O3, 8)]
    public void Each_pollutant_keeps_the_hours_the_index_averages_it_over(DaqiPollutant pollutant, int hours)
    {
        var station = new StationMeans();

        station.Add(pollutant, Start(30), 10);

        Assert.Equal(hours, DaqiAssessor.AveragingHours(pollutant));
        Assert.Equal(hours, station.Of(pollutant)!.RetainedHours);
    }

    [Fact]
    public void Assesses_the_pollutants_it_holds()
    {
        var station = new StationMeans();
        for (var h = 0; h < 24; h++)
        {
            station.Add(DaqiPollutant.Pm25, Start(h), 30);
            station.Add(DaqiPollutant.No2, Start(h), 450);
        }

        var assessment = station.Assess(Start(23));

        Assert.Equal(DaqiAssessor.Assess(Start(23), station.Of(DaqiPollutant.Pm25), null, station.Of(DaqiPollutant.No2), null), assessment);
        Assert.Equal((3, 7), (assessment.Pm25?.Index, assessment.No2?.Index));
        Assert.Null(assessment.Pm10);
    }

    /// <summary>
    /// The oracle is what twins kept before: 48 hours of every pollutant. Readings arrive in
    /// batches, late ones among them (up to 40 hours), with gaps; after each batch the station is
    /// assessed as a twin does, for the newest hour seen so far. Every assessment, concentrations
    /// to the last bit, must be the same.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Assessments_are_those_of_48_hour_rings_whatever_the_order_readings_arrive_in(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 50; trial++)
        {
            var station = new StationMeans();
            var oracle = Pollutants.ToDictionary(p => p, _ => new HourlyMeans(48));
            var now = 100;
            long? assessed = null;
            for (var batch = 0; batch < 80; batch++)
            {
                now += random.Next(0, 3);
                long? newest = null;
                foreach (var pollutant in Pollutants)
                {
                    if (random.NextDouble() < 0.3)
                    {
                        continue;
                    }

                    for (var n = random.Next(1, 4); n > 0; n--)
                    {
                        var late = random.NextDouble() < 0.2 ? random.Next(1, 41) : 0;
                        var at = Start(now - late) + random.Next(0, 3_600_000);
                        var value = Math.Round(random.NextDouble() * 300, 2);
                        station.Add(pollutant, at, value);
                        oracle[pollutant].Add(at, value);
                        newest = Math.Max(newest ?? long.MinValue, at);
                    }
                }

                if (newest is not { } latest)
                {
                    continue;
                }

                assessed = Math.Max(HourlyMeans.HourStartOf(latest), assessed ?? long.MinValue);
                var hour = assessed.Value;
                var expected = DaqiAssessor.Assess(hour, oracle[DaqiPollutant.Pm25], oracle[DaqiPollutant.Pm10], oracle[DaqiPollutant.No2], oracle[DaqiPollutant.O3]);
                var actual = station.Assess(hour);
                Assert.True(expected == actual, $"seed {seed}, trial {trial}, batch {batch}: expected {expected}, got {actual}");
            }
        }
    }

    [Fact]
    public void Survives_an_orleans_serialization_round_trip()
    {
        var station = new StationMeans();
        for (var h = 0; h < 30; h++)
        {
            station.Add(DaqiPollutant.Pm10, Start(h) + 60_000, 20 + h);
            station.Add(DaqiPollutant.O3, Start(h) + 60_000, 90 + h);
        }

        var copy = OrleansRoundTrip.Copy(station);

        Assert.Equal(station.Assess(Start(29)), copy.Assess(Start(29)));
        Assert.Null(copy.Of(DaqiPollutant.Pm25));
        Assert.Equal(8, copy.Of(DaqiPollutant.O3)!.RetainedHours);
    }
}
