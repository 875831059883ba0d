using System.Text.Json;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Simulator.Generation;
using UrbanTwin.Simulator.Readings;

namespace UrbanTwin.Simulator.Tests.Generation;

/// <summary>Sensor faults appear when asked, and show in the payloads as a person would see them; without asking, none.</summary>
public sealed class SensorFaultTests
{
    [Theory]
    [MemberData(nameof(Fleets.Kinds), MemberType = typeof(Fleets))]
    public void Without_faults_no_reading_is_missing_frozen_null_or_marked(DeviceKind kind)
    {
        foreach (var generator in Fleets.Generators(kind, 3, new GeneratorOptions { Seed = 11 }))
        {
            var messages = Fleets.Telemetry(generator, Fleets.MayMonday, 400).ToList();

            Assert.Equal(400, messages.Count);
            Assert.All(messages, m => Assert.Equal(SensorFault.None, m.Fault));
            Assert.DoesNotContain(messages, m => ContractCheck.Text(m.Payload).Contains("null", StringComparison.Ordinal));
            Assert.Equal(Enumerable.Range(0, 400).Select(i => (uint)i), messages.Select(m => m.Seq));
            if (kind == DeviceKind.BusPriority)
            {
                Assert.DoesNotContain(messages, m => m.Reading!.Value[BusPriorityField.Occupancy] == 100);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fleets.Kinds), MemberType = typeof(Fleets))]
    public void Asked_for_faults_every_fault_the_kind_can_have_appears(DeviceKind kind)
    {
        var expected = kind == DeviceKind.Footfall
            ? new[] { SensorFault.Stuck, SensorFault.Spike, SensorFault.Gap }
            : [SensorFault.Stuck, SensorFault.Spike, SensorFault.Dropout, SensorFault.Gap];
        var generator = Fleets.Generators(kind, 1, new GeneratorOptions { Seed = 5, FaultRate = 0.1 }).Single();
        var start = Fleets.MayMonday.ToUnixTimeMilliseconds();
        var step = (long)generator.ReportInterval.TotalMilliseconds;
        var seen = new HashSet<SensorFault>();
        for (var i = 0; i < 2000; i++)
        {
            var message = generator.NextTelemetry(start + (i * step));
            seen.Add(message?.Fault ?? SensorFault.Gap);
        }

        Assert.Superset(expected.ToHashSet(), seen);
        Assert.Contains(SensorFault.None, seen);
    }

    [Fact]
    public void A_stuck_air_quality_sensor_repeats_its_no2_value()
    {
        var runs = FaultRuns(DeviceKind.AirQuality, SensorFault.Stuck, m => Value(m, "no2"));
        Assert.NotEmpty(runs);
        Assert.All(runs, run => Assert.Single(run.Distinct()));
    }

    [Fact]
    public void A_stuck_footfall_counter_counts_nobody_and_a_stuck_junction_detector_reads_fully_occupied()
    {
        var counts = FaultRuns(DeviceKind.Footfall, SensorFault.Stuck, m => Value(m, "countIn") + Value(m, "countOut"));
        var occupancy = FaultRuns(DeviceKind.BusPriority, SensorFault.Stuck, m => Value(m, "occupancy"));

        Assert.All(counts.SelectMany(run => run), total => Assert.Equal(0, total));
        Assert.All(occupancy.SelectMany(run => run), value => Assert.Equal(100, value));
    }

    [Fact]
    public void A_dropped_out_channel_is_sent_as_null()
    {
        var generator = Fleets.Generators(DeviceKind.AirQuality, 1, new GeneratorOptions { FaultRate = 0.2 }).Single();
        var dropouts = Fleets.Telemetry(generator, Fleets.MayMonday, 500).Where(m => m.Fault == SensorFault.Dropout).ToList();

        Assert.NotEmpty(dropouts);
        Assert.All(dropouts, m => Assert.Contains(":null", ContractCheck.Text(m.Payload), StringComparison.Ordinal));
    }

    [Fact]
    public void A_spike_jumps_well_above_its_neighbours_but_stays_in_range()
    {
        var generator = Fleets.Generators(DeviceKind.AirQuality, 1, new GeneratorOptions { FaultRate = 0.1 }).Single();
        var messages = Fleets.Telemetry(generator, Fleets.MayMonday, 1000).ToList();
        var spikes = 0;
        for (var i = 1; i < messages.Count - 1; i++)
        {
            if (messages[i].Fault == SensorFault.Spike && messages[i - 1].Fault == SensorFault.None)
            {
                Assert.True(Value(messages[i], "pm2_5") > 4 * Value(messages[i - 1], "pm2_5"), ContractCheck.Text(messages[i].Payload));
                Assert.InRange(Value(messages[i], "pm2_5"), 0, 1000);
                spikes++;
            }
        }

        Assert.True(spikes > 0);
    }

    [Fact]
    public void A_gap_leaves_readings_out_without_skipping_a_sequence_number()
    {
        var generator = Fleets.Generators(DeviceKind.Footfall, 1, new GeneratorOptions { FaultRate = 0.1 }).Single();
        var messages = Fleets.Telemetry(generator, Fleets.MayMonday, 1000).ToList();
        var step = (long)generator.ReportInterval.TotalMilliseconds;

        Assert.InRange(messages.Count, 500, 999);
        Assert.Contains(messages.Zip(messages.Skip(1)), pair => pair.Second.TimestampMs - pair.First.TimestampMs > step);
        Assert.Equal(Enumerable.Range(0, messages.Count).Select(i => (uint)i), messages.Select(m => m.Seq));
    }

    private static List<List<double>> FaultRuns(DeviceKind kind, SensorFault fault, Func<GeneratedMessage, double> value)
    {
        var generator = Fleets.Generators(kind, 1, new GeneratorOptions { Seed = 9, FaultRate = 0.05 }).Single();
        var runs = new List<List<double>>();
        List<double>? run = null;
        foreach (var message in Fleets.Telemetry(generator, Fleets.MayMonday.AddHours(7), 3000))
        {
            if (message.Fault == fault)
            {
                (run ??= []).Add(value(message));
            }
            else if (run is not null)
            {
                runs.Add(run);
                run = null;
            }
        }

        return runs;
    }

    private static double Value(GeneratedMessage message, string field)
    {
        using var document = JsonDocument.Parse(message.Payload);
        return document.RootElement.GetProperty(field).GetDouble();
    }
}
