using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Simulator.Generation;
using UrbanTwin.Simulator.Readings;
using UrbanTwin.TestSupport.Readings;

namespace UrbanTwin.Simulator.Tests.Readings;

/// <summary>The readings have the city's rhythms: rush hours, quiet nights, the real station's days, shared pollution episodes.</summary>
public sealed class DailyShapeTests
{
    [Fact]
    public void Footfall_at_08_00_and_17_00_on_weekdays_is_far_above_03_00()
    {
        var at03 = MeanOverWeekdays(DeviceKind.Footfall, 3, m => m[FootfallField.CountIn] + m[FootfallField.CountOut]);
        var at08 = MeanOverWeekdays(DeviceKind.Footfall, 8, m => m[FootfallField.CountIn] + m[FootfallField.CountOut]);
        var at17 = MeanOverWeekdays(DeviceKind.Footfall, 17, m => m[FootfallField.CountIn] + m[FootfallField.CountOut]);

        Assert.True(at08 > 20 * (at03 + 0.1), $"08:00 {at08:0.0} vs 03:00 {at03:0.0}");
        Assert.True(at17 > 20 * (at03 + 0.1), $"17:00 {at17:0.0} vs 03:00 {at03:0.0}");
    }

    [Fact]
    public void Junctions_are_busier_and_buses_later_in_the_rush_hours_than_at_night()
    {
        var occupancy03 = MeanOverWeekdays(DeviceKind.BusPriority, 3, m => m[BusPriorityField.Occupancy]);
        var occupancy08 = MeanOverWeekdays(DeviceKind.BusPriority, 8, m => m[BusPriorityField.Occupancy]);
        var occupancy17 = MeanOverWeekdays(DeviceKind.BusPriority, 17, m => m[BusPriorityField.Occupancy]);

        Assert.True(occupancy08 > occupancy03 + 30, $"08:00 {occupancy08:0.0}% vs 03:00 {occupancy03:0.0}%");
        Assert.True(occupancy17 > occupancy03 + 30, $"17:00 {occupancy17:0.0}% vs 03:00 {occupancy03:0.0}%");
        Assert.True(MeanLateness(17) > MeanLateness(3) + 60, $"17:00 {MeanLateness(17):0} s vs 03:00 {MeanLateness(3):0} s");
        Assert.True(BusesPerHour(17) > 2 * BusesPerHour(3));
    }

    [Fact]
    public void Air_quality_stations_follow_the_real_westminster_hours()
    {
        var real = OpenAqCsv.Read("openaq-no2-long.csv", "London Westminster")
            .Where(r => r.Time >= new DateTimeOffset(2019, 5, 20, 0, 0, 0, TimeSpan.Zero) && r.Time < new DateTimeOffset(2019, 6, 3, 0, 0, 0, TimeSpan.Zero))
            .ToList();
        var station = Fleets.Generators(DeviceKind.AirQuality, 1, new GeneratorOptions { Seed = 4 }).Single();
        var simulated = real.Select(r => station.NextTelemetry(r.Time.ToUnixTimeMilliseconds())!.Reading!.Value[AirQualityField.No2]!.Value).ToList();

        // The station's own level and noise differ; the hours rise and fall with the real ones
        // (episodes aside: the fortnight is checked against the model's episode-free factor).
        var calm = real.Select((r, i) => (r.Value, Simulated: simulated[i], Calm: PollutionEpisodes.ParticulateFactor(4, r.Time.ToUnixTimeMilliseconds()) == 1)).Where(p => p.Calm).ToList();
        Assert.True(calm.Count > 100);
        Assert.True(Correlation(calm.Select(p => p.Value), calm.Select(p => p.Simulated)) > 0.8);
    }

    [Fact]
    public void Pollution_episodes_come_every_week_or_two_and_every_station_shares_them()
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var hours = Enumerable.Range(0, 365 * 24).Select(h => start + (h * 3_600_000L)).ToList();
        var episodeHours = hours.Count(t => PollutionEpisodes.ParticulateFactor(1, t) > 1.5);
        var strongest = hours.Max(t => PollutionEpisodes.ParticulateFactor(1, t));

        Assert.InRange(episodeHours, 24 * 365 / 20, 24 * 365 / 4);
        Assert.InRange(strongest, 3, 6);

        var worst = hours.MaxBy(t => PollutionEpisodes.ParticulateFactor(1, t));
        var calm = hours.First(t => PollutionEpisodes.ParticulateFactor(1, t) == 1 && (t - worst) % 86_400_000 == 0);
        foreach (var station in Fleets.Generators(DeviceKind.AirQuality, 3, new GeneratorOptions { Seed = 1 }))
        {
            var duringEpisode = station.NextTelemetry(worst)!.Reading!.Value[AirQualityField.Pm25]!.Value;
            var sameHourCalmDay = station.NextTelemetry(calm)!.Reading!.Value[AirQualityField.Pm25]!.Value;
            Assert.True(duringEpisode > 1.5 * sameHourCalmDay, $"{duringEpisode} vs {sameHourCalmDay}");
        }
    }

    private static double MeanOverWeekdays(DeviceKind kind, int localHour, Func<UrbanTwin.Contracts.Readings.Reading, double?> value)
    {
        var values = new List<double>();
        foreach (var generator in Fleets.Generators(kind, 20, new GeneratorOptions { Seed = 2 }))
        {
            for (var day = 0; day < 5; day++)
            {
                var at = Fleets.MayMonday.AddDays(day).AddHours(localHour).AddMinutes(30).ToUnixTimeMilliseconds();
                values.Add(value(generator.NextTelemetry(at)!.Reading!.Value)!.Value);
            }
        }

        return values.Average();
    }

    private static double MeanLateness(int localHour) =>
        Fleets.Generators(DeviceKind.BusPriority, 20, new GeneratorOptions { Seed = 2 })
            .SelectMany(g => Enumerable.Range(0, 20).Select(i => g.NextRequest(Fleets.MayMonday.AddHours(localHour).AddMinutes(i).ToUnixTimeMilliseconds()).Request!.LateSeconds))
            .Average();

    private static double BusesPerHour(int localHour)
    {
        var at = Fleets.MayMonday.AddHours(localHour).ToUnixTimeMilliseconds();
        return Fleets.Generators(DeviceKind.BusPriority, 20, new GeneratorOptions { Seed = 2 })
            .Average(g => 3600 / Enumerable.Range(0, 50).Average(_ => g.NextBusAfter(at).TotalSeconds));
    }

    private static double Correlation(IEnumerable<double> first, IEnumerable<double> second)
    {
        var a = first.ToArray();
        var b = second.ToArray();
        var (meanA, meanB) = (a.Average(), b.Average());
        var covariance = a.Zip(b).Sum(p => (p.First - meanA) * (p.Second - meanB));
        return covariance / Math.Sqrt(a.Sum(x => (x - meanA) * (x - meanA)) * b.Sum(y => (y - meanB) * (y - meanB)));
    }
}
