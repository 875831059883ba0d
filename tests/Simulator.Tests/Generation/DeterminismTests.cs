using UrbanTwin.Contracts;
using UrbanTwin.Simulator.Fleet;
using UrbanTwin.Simulator.Generation;

namespace UrbanTwin.Simulator.Tests.Generation;

/// <summary>The same seed gives the same fleet and the same bytes; another seed, others.</summary>
public sealed class DeterminismTests
{
    private static readonly GeneratorOptions Busy = new() { Seed = 21, SpeedUp = 3, FaultRate = 0.05, BadPayloadShare = 0.05 };

    [Fact]
    public void The_same_seed_gives_the_same_payloads_byte_for_byte()
    {
        Assert.Equal(Encode(Busy), Encode(Busy));
    }

    [Fact]
    public void Another_seed_gives_other_payloads()
    {
        Assert.NotEqual(Encode(Busy), Encode(Busy with { Seed = 22 }));
    }

    [Fact]
    public void The_same_seed_gives_the_same_fleet_and_a_smaller_fleet_is_the_start_of_a_larger_one()
    {
        var small = FleetPlan.Create(30, seed: 5);
        var large = FleetPlan.Create(300, seed: 5);

        Assert.Equal(small, FleetPlan.Create(30, seed: 5));
        Assert.Equal(small, large.Take(30));
        Assert.NotEqual(small.Select(d => d.Place), FleetPlan.Create(30, seed: 6).Select(d => d.Place));
    }

    [Fact]
    public void Pre_encoded_telemetry_has_exactly_the_count_asked_for_even_with_gaps()
    {
        var device = FleetPlan.Create(3, seed: 1)[1];
        var encoded = new DeviceGenerator(device, Busy with { BadPayloadShare = 0, FaultRate = 0.3 }).EncodeTelemetry(2_000, Fleets.MayMonday.ToUnixTimeMilliseconds(), 1_000);

        Assert.Equal(2_000, encoded.Payloads.Length);
        Assert.All(encoded.Payloads, Assert.NotNull);
        Assert.Equal(device.DeviceId, encoded.DeviceId);
        Assert.Equal("ut/v1/footfall/" + device.DeviceId + "/telemetry", encoded.Topic);
    }

    private static List<string> Encode(GeneratorOptions options)
    {
        var texts = new List<string>();
        foreach (var device in FleetPlan.Create(9, options.Seed))
        {
            var generator = new DeviceGenerator(device, options);
            var time = Fleets.MayMonday.AddHours(7).ToUnixTimeMilliseconds();
            for (var i = 0; i < 200; i++, time += 60_000)
            {
                texts.Add(generator.NextTelemetry(time) is { } message ? ContractCheck.Text(message.Payload) : "gap");
                if (device.Kind == DeviceKind.BusPriority)
                {
                    texts.Add(ContractCheck.Text(generator.NextRequest(time).Payload) + generator.NextBusAfter(time));
                }
            }
        }

        return texts;
    }
}
