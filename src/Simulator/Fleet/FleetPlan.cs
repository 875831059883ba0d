using System.Globalization;
using System.Text.RegularExpressions;
using UrbanTwin.Contracts;
using UrbanTwin.Simulator.Places;
using UrbanTwin.Simulator.Readings;

namespace UrbanTwin.Simulator.Fleet;

/// <summary>
/// Which devices a simulated fleet has and where they stand, decided by a seed alone: kinds in turn
/// (air-quality, footfall, bus-priority), each device at a real London bus stop taken from a
/// seeded shuffle of <see cref="LondonBusStops"/> (stops are reused only past their number). A
/// smaller fleet is the start of a larger one with the same seed and prefix, so a restart with a
/// different size keeps the devices it shares.
/// </summary>
public static partial class FleetPlan
{
    public const string DefaultPrefix = "sim";

    /// <summary>The devices of a fleet of <paramref name="count"/>; ids are <c>{prefix}-aq-00001</c>, <c>{prefix}-ff-00002</c>, ….</summary>
    public static IReadOnlyList<SimulatedDevice> Create(int count, int seed = 1, string idPrefix = DefaultPrefix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!IsValidPrefix(idPrefix))
        {
            throw new ArgumentException($"'{idPrefix}' is not a valid id prefix ({PrefixPattern})", nameof(idPrefix));
        }

        var stops = LondonBusStops.All;
        var order = Shuffle(stops.Count, seed);
        var devices = new SimulatedDevice[count];
        for (var i = 0; i < count; i++)
        {
            var kind = DeviceKinds.All[i % DeviceKinds.All.Count];
            var stop = stops[order[i % stops.Count]];
            var id = string.Create(CultureInfo.InvariantCulture, $"{idPrefix}-{ShortName(kind)}-{i + 1:D5}");
            devices[i] = new SimulatedDevice(i, id, kind, NameAt(kind, stop), stop);
        }

        return devices;
    }

    public const string PrefixPattern = "^[a-z0-9][a-z0-9-]{0,31}$";

    public static bool IsValidPrefix(string? prefix) => prefix is not null && PrefixRegex().IsMatch(prefix);

    private static string ShortName(DeviceKind kind) => kind switch
    {
        DeviceKind.AirQuality => "aq",
        DeviceKind.Footfall => "ff",
        _ => "bp",
    };

    private static string NameAt(DeviceKind kind, BusStop stop) => kind switch
    {
        DeviceKind.AirQuality => "Air quality station, " + stop.Name,
        DeviceKind.Footfall => "Footfall counter, " + stop.Name,
        _ => "Bus priority junction, " + stop.Name,
    };

    private static int[] Shuffle(int count, int seed)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var random = new SimulationRandom(seed, stream: 0x91ACE5);
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    [GeneratedRegex(PrefixPattern)]
    private static partial Regex PrefixRegex();
}
