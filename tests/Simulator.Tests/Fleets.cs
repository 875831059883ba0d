using UrbanTwin.Contracts;
using UrbanTwin.Simulator.Fleet;
using UrbanTwin.Simulator.Generation;

namespace UrbanTwin.Simulator.Tests;

/// <summary>Test fleets: a few devices of each kind and their generators.</summary>
public static class Fleets
{
    /// <summary>A weekday in May, 00:00 London time (BST).</summary>
    public static readonly DateTimeOffset MayMonday = new(2025, 5, 12, 0, 0, 0, TimeSpan.FromHours(1));

    internal static IEnumerable<SimulatedDevice> OfKind(DeviceKind kind, int count, int seed = 1) =>
        FleetPlan.Create(count * 3, seed).Where(d => d.Kind == kind);

    internal static List<DeviceGenerator> Generators(DeviceKind kind, int count, GeneratorOptions options) =>
        [.. OfKind(kind, count, options.Seed).Select(d => new DeviceGenerator(d, options))];

    /// <summary>Telemetry every report interval from <paramref name="start"/>; gaps left out.</summary>
    internal static IEnumerable<GeneratedMessage> Telemetry(DeviceGenerator generator, DateTimeOffset start, int readings)
    {
        var step = (long)generator.ReportInterval.TotalMilliseconds;
        for (var i = 0; i < readings; i++)
        {
            if (generator.NextTelemetry(start.ToUnixTimeMilliseconds() + (i * step)) is { } message)
            {
                yield return message;
            }
        }
    }

    /// <summary>Every kind, for theories.</summary>
    public static TheoryData<DeviceKind> Kinds => new(DeviceKinds.All);
}
