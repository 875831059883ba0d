using System.Globalization;
using UrbanTwin.Grains.Footfall;

using UrbanTwin.TestSupport;

namespace UrbanTwin.Grains.Tests.Footfall;

/// <summary>
/// Two months of Seattle's Burke-Gilman Trail counter (hourly rows, local start of hour) sent the
/// way devices send: out of order, some rows twice, some first with wrong counts and then
/// corrected. The expected totals are computed here straight from the rows with LINQ: hours by
/// their UTC start, days by the local date written in the file.
/// </summary>
public sealed class BurkeGilmanTrailTests
{
    private const string FileName = "Burke_Gilman_Trail_north_of_NE_70th_St_Bike_and_Ped_Counter_2019-05_2019-06.csv";
    private const string Header = "Date,BGT North of NE 70th Total,Ped South,Ped North,Bike North,Bike South";
    private const long HourMs = 3_600_000;

    private static readonly TimeZoneInfo Seattle = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
    private static readonly Lazy<IReadOnlyList<HourRow>> Rows = new(Load);

    [Fact]
    public void Totals_over_shuffled_resent_and_corrected_rows_match_a_direct_computation()
    {
        var rows = Rows.Value;
        var random = new Random(20190501);
        var sends = Sends(rows, _ => (0, 0)).ToArray();
        random.Shuffle(sends);
        PutEachCorrectionAfterItsMistake(sends);
        var tally = new FootfallTally(Seattle, retainedHours: 24 * 62, retainedDays: 62);

        var results = sends.Select(s => tally.Add(s.Row.EndMs, 3600, s.In, s.Out)).ToList();

        Assert.Equal(rows.Count, results.Count(r => r == FootfallIntervalResult.Added));
        Assert.Equal(rows.Count(r => r.IsCorrected), results.Count(r => r == FootfallIntervalResult.Replaced));
        Assert.Equal(rows.Count(r => r.IsResent), results.Count(r => r == FootfallIntervalResult.Duplicate));
        Assert.DoesNotContain(FootfallIntervalResult.TooOld, results);

        var hours = ExpectedHours(rows);
        Assert.Equal(1464, hours.Count);
        for (var hour = hours.Keys.Min() - HourMs; hour <= hours.Keys.Max() + HourMs; hour += HourMs)
        {
            Assert.Equal(hours.GetValueOrDefault(hour), tally.HourTotal(hour));
        }

        var days = ExpectedDays(rows);
        Assert.Equal(61, days.Count);
        for (var day = new DateOnly(2019, 4, 30); day <= new DateOnly(2019, 7, 1); day = day.AddDays(1))
        {
            Assert.Equal(days.GetValueOrDefault(day), tally.DayTotal(day));
        }
    }

    [Fact]
    public void Rows_up_to_42_hours_late_are_all_counted_and_the_latest_window_is_kept()
    {
        var rows = Rows.Value;
        var random = new Random(20190630);

        var sends = Sends(rows, row => Delays(row, random)).OrderBy(s => s.ArrivalMs).ToList();
        var tally = new FootfallTally(Seattle);

        var results = sends.Select(s => tally.Add(s.Row.EndMs, 3600, s.In, s.Out)).ToList();

        Assert.DoesNotContain(FootfallIntervalResult.TooOld, results);
        var hours = ExpectedHours(rows).OrderBy(h => h.Key).ToList();
        foreach (var (hour, total) in hours.TakeLast(48))
        {
            Assert.Equal(total, tally.HourTotal(hour));
        }

        var dropped = hours.SkipLast(48).Last(h => h.Value != (0, 0));
        Assert.Equal((0L, 0L), tally.HourTotal(dropped.Key));

        var days = ExpectedDays(rows).OrderBy(d => d.Key).ToList();
        foreach (var (day, total) in days.TakeLast(8))
        {
            Assert.Equal(total, tally.DayTotal(day));
        }

        Assert.Equal(new DateOnly(2019, 6, 22), days[^9].Key);
        Assert.Equal((0L, 0L), tally.DayTotal(days[^9].Key));

        var old = rows.First(r => r.LocalStart == days[^9].Key.ToDateTime(new TimeOnly(12, 0)));
        Assert.Equal(FootfallIntervalResult.TooOld, tally.Add(old.EndMs, 3600, old.PedNorth + 1, old.PedSouth));
    }

    /// <summary>A row arrives up to 36 h after its end; its re-send or correction up to 6 h after that.</summary>
    private static (long First, long Again) Delays(HourRow row, Random random)
    {
        var first = row.EndMs + (random.Next(0, 36 * 60) * 60_000L);
        return (first, first + (random.Next(1, 6 * 60) * 60_000L));
    }

    private static Dictionary<long, (long In, long Out)> ExpectedHours(IEnumerable<HourRow> rows) =>
        rows.GroupBy(r => r.StartMs).ToDictionary(g => g.Key, g => ((long)g.Sum(r => r.PedNorth), (long)g.Sum(r => r.PedSouth)));

    private static Dictionary<DateOnly, (long In, long Out)> ExpectedDays(IEnumerable<HourRow> rows) =>
        rows.GroupBy(r => DateOnly.FromDateTime(r.LocalStart)).ToDictionary(g => g.Key, g => ((long)g.Sum(r => r.PedNorth), (long)g.Sum(r => r.PedSouth)));

    /// <summary>
    /// Every row once with its true counts; every tenth row (from the 4th) once more unchanged;
    /// every tenth row (from the 8th) first with wrong counts, then with its true counts.
    /// </summary>
    private static IEnumerable<Send> Sends(IReadOnlyList<HourRow> rows, Func<HourRow, (long First, long Again)> arrival)
    {
        foreach (var row in rows)
        {
            var (first, again) = arrival(row);
            if (row.IsCorrected)
            {
                yield return new Send(row, row.PedNorth + 5, row.PedSouth + 3, first, IsMistake: true);
                yield return new Send(row, row.PedNorth, row.PedSouth, again, IsMistake: false);
            }
            else
            {
                yield return new Send(row, row.PedNorth, row.PedSouth, first, IsMistake: false);
            }

            if (row.IsResent)
            {
                yield return new Send(row, row.PedNorth, row.PedSouth, again, IsMistake: false);
            }
        }
    }

    private static void PutEachCorrectionAfterItsMistake(Send[] sends)
    {
        var firstIndex = new Dictionary<HourRow, int>();
        for (var i = 0; i < sends.Length; i++)
        {
            if (!firstIndex.TryAdd(sends[i].Row, i) && sends[i].IsMistake)
            {
                (sends[firstIndex[sends[i].Row]], sends[i]) = (sends[i], sends[firstIndex[sends[i].Row]]);
            }
        }
    }

    private static List<HourRow> Load()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.TestData, "readings", "footfall", FileName));
        Assert.Equal(Header, lines[0]);
        return lines.Skip(1).Where(line => line.Length > 0).Select(Parse).ToList();
    }

    private static HourRow Parse(string line, int index)
    {
        var cells = line.Split(',');
        var localStart = DateTime.ParseExact(cells[0], "MM/dd/yyyy hh:mm:ss tt", CultureInfo.InvariantCulture);
        var startMs = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(localStart, Seattle)).ToUnixTimeMilliseconds();
        return new HourRow(
            localStart,
            startMs,
            startMs + HourMs,
            PedSouth: int.Parse(cells[2], CultureInfo.InvariantCulture),
            PedNorth: int.Parse(cells[3], CultureInfo.InvariantCulture),
            IsResent: index % 10 == 3,
            IsCorrected: index % 10 == 7);
    }

    private sealed record HourRow(DateTime LocalStart, long StartMs, long EndMs, int PedSouth, int PedNorth, bool IsResent, bool IsCorrected);

    private sealed record Send(HourRow Row, int In, int Out, long ArrivalMs, bool IsMistake);
}
