using System.Globalization;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Simulator.Readings;

/// <summary>
/// A signalled junction with bus detection. Traffic follows the street's daily rhythm
/// (<see cref="DailyActivity"/>): detector occupancy from under 10% at night to about 80% in the
/// rush hours, queues with it. Two to five bus routes cross it, each from its own approach, at
/// 3 to 12 buses an hour per route as the day gets busier (night routes after midnight); buses are
/// later in the rush hours (mean lateness from −20 s off-peak to about +3 min at the peak, widely
/// spread), so late buses ask for priority most when the junction is busiest.
/// </summary>
internal sealed class BusPriorityModel : ReadingModel
{
    private static readonly string[] FleetPrefixes = ["LT", "WVL", "SE", "EH", "VMH", "BYD", "DOE", "LJ", "PVL", "ENL"];
    private static readonly Approach[] Approaches = [Approach.North, Approach.East, Approach.South, Approach.West];

    private readonly double _traffic;
    private readonly double _capacity;
    private readonly (int Number, Approach Approach, string[] Fleet)[] _routes;

    public BusPriorityModel(SimulationRandom site)
    {
        _traffic = site.Range(0.8, 1.15);
        _capacity = site.Range(10, 30);
        var approaches = Approaches.OrderBy(_ => site.NextDouble()).ToArray();
        _routes = new (int, Approach, string[])[2 + site.Next(4)];
        for (var r = 0; r < _routes.Length; r++)
        {
            var fleet = new string[12];
            for (var v = 0; v < fleet.Length; v++)
            {
                fleet[v] = string.Create(CultureInfo.InvariantCulture, $"{site.Pick(FleetPrefixes)}{1 + site.Next(1999)}");
            }

            _routes[r] = (1 + site.Next(499), approaches[r % approaches.Length], fleet);
        }
    }

    public override MessageSchema Schema => ContractSchemas.BusPriorityTelemetry;

    public override FaultProfile Faults { get; } = new(
        [(BusPriorityField.Occupancy, 100), (BusPriorityField.Queue, 0)],
        [BusPriorityField.Queue],
        [BusPriorityField.Queue]);

    public override void Measure(long utcMs, int intervalSeconds, SimulationRandom random, ref FieldValues values, ref byte present)
    {
        var level = Traffic(utcMs);
        var occupancy = Math.Clamp(6 + (70 * level * _traffic) + random.Normal(0, 4), 0, 100);
        var queue = Math.Min(1000, Math.Round(occupancy / 100 * _capacity * random.Range(0.6, 1.4)));
        Set(ref values, ref present, BusPriorityField.Occupancy, Math.Round(occupancy, 1));
        Set(ref values, ref present, BusPriorityField.Queue, queue);
    }

    /// <summary>Mean time to the next bus at this junction, in simulated seconds.</summary>
    public double MeanSecondsBetweenBuses(long utcMs) => 3600 / (_routes.Length * (3 + (9 * Traffic(utcMs))));

    /// <summary>The next bus to ask for priority: its route, fleet number, approach, arrival and lateness.</summary>
    public PriorityRequest Request(uint seq, long utcMs, SimulationRandom random)
    {
        var level = Traffic(utcMs);
        var (hour, _) = LondonTime.Of(utcMs);
        var (number, approach, fleet) = _routes[random.Next(_routes.Length)];
        var route = hour < 5 ? "N" + number.ToString(CultureInfo.InvariantCulture) : number.ToString(CultureInfo.InvariantCulture);
        var late = Math.Clamp(random.Normal(-20 + (200 * level), 45 + (90 * level)), -900, 1800);
        return new PriorityRequest(seq, utcMs, random.Pick(fleet), route, approach, Math.Round(random.Range(4, 45)), Math.Round(late));
    }

    private static double Traffic(long utcMs)
    {
        var (hour, weekend) = LondonTime.Of(utcMs);
        return Math.Min(1.2, DailyActivity.Level(hour, weekend));
    }
}
