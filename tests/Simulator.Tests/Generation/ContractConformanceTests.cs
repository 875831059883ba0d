using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Simulator.Generation;

namespace UrbanTwin.Simulator.Tests.Generation;

/// <summary>
/// Everything a simulated device sends, of every kind, with sensor faults on: valid by the
/// contract's JSON Schemas and accepted by the hub's own validator and decoder, which reads back
/// exactly the values that were generated.
/// </summary>
public sealed class ContractConformanceTests
{
    private static readonly GeneratorOptions WithFaults = new() { Seed = 7, SpeedUp = 5, FaultRate = 0.05 };

    [Theory]
    [MemberData(nameof(Fleets.Kinds), MemberType = typeof(Fleets))]
    public void Every_telemetry_payload_is_schema_valid_and_decodes_to_what_was_generated(DeviceKind kind)
    {
        var checkedCount = 0;
        foreach (var generator in Fleets.Generators(kind, 4, WithFaults))
        {
            // Two days of readings: nights, rush hours, a weekend day's start, faults of every sort.
            var readings = (int)(TimeSpan.FromDays(2) / generator.ReportInterval);
            foreach (var message in Fleets.Telemetry(generator, Fleets.MayMonday, readings).Take(600))
            {
                Assert.Equal(MessageType.Telemetry, message.Type);
                Assert.Equal(DeviceTopic.Telemetry(kind, generator.Device.DeviceId), message.Topic);
                Assert.Empty(ContractCheck.SchemaErrors(message.Topic, message.Payload));

                var result = ContractCheck.Decode(generator.Device, message);
                Assert.False(result.HasErrors, $"{ContractCheck.Text(message.Payload)}: {string.Join("; ", result.Errors)}");
                var decoded = Assert.Single(result.Readings.ToArray());
                AssertSame(message.Reading!.Value, decoded);
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 1000, $"only {checkedCount} payloads checked");
    }

    [Fact]
    public void Every_priority_request_is_schema_valid_and_decodes_to_what_was_generated()
    {
        var late = 0;
        foreach (var generator in Fleets.Generators(DeviceKind.BusPriority, 5, WithFaults))
        {
            var time = Fleets.MayMonday.ToUnixTimeMilliseconds();
            for (var i = 0; i < 200; i++)
            {
                time += (long)generator.NextBusAfter(time).TotalMilliseconds;
                var message = generator.NextRequest(time);
                Assert.Equal(DeviceTopic.Request(generator.Device.DeviceId), message.Topic);
                Assert.Empty(ContractCheck.SchemaErrors(message.Topic, message.Payload));

                var result = ContractCheck.Decode(generator.Device, message);
                Assert.False(result.HasErrors, $"{ContractCheck.Text(message.Payload)}: {string.Join("; ", result.Errors)}");
                Assert.Equal(message.Request, result.Request);
                late += result.Request!.LateSeconds > 60 ? 1 : 0;
            }
        }

        Assert.True(late > 50, $"only {late} of 1000 buses more than a minute late");
    }

    [Theory]
    [MemberData(nameof(Fleets.Kinds), MemberType = typeof(Fleets))]
    public void Status_messages_are_schema_valid_and_decode_as_online_and_offline(DeviceKind kind)
    {
        var device = Fleets.OfKind(kind, 1).Single();
        var generator = new DeviceGenerator(device);

        var online = ContractCheck.Decode(device, generator.StatusTopic, DeviceGenerator.OnlineStatus, 0);
        var offline = ContractCheck.Decode(device, generator.StatusTopic, DeviceGenerator.OfflineStatus, 0);

        Assert.Empty(ContractCheck.SchemaErrors(generator.StatusTopic, DeviceGenerator.OnlineStatus));
        Assert.Empty(ContractCheck.SchemaErrors(generator.StatusTopic, DeviceGenerator.OfflineStatus));
        Assert.Equal(new DeviceStatus(DeviceState.Online, DeviceGenerator.Firmware), online.Status);
        Assert.Equal(new DeviceStatus(DeviceState.Offline, null), offline.Status);
    }

    [Theory]
    [MemberData(nameof(Fleets.Kinds), MemberType = typeof(Fleets))]
    public void A_long_backlog_goes_up_in_arrays_within_the_contract_limits_oldest_first(DeviceKind kind)
    {
        var generator = Fleets.Generators(kind, 1, WithFaults).Single();
        var start = Fleets.MayMonday.ToUnixTimeMilliseconds();
        var kept = new List<Reading>();
        for (var i = 0; kept.Count < 1_234; i++)
        {
            if (generator.TakeReading(start + (i * 1000L)) is var (reading, _))
            {
                kept.Add(reading);
            }
        }

        var payloads = generator.EncodeBacklog(kept);

        Assert.Equal(3, payloads.Count);
        var decoded = new List<Reading>();
        foreach (var payload in payloads)
        {
            Assert.True(payload.Length <= 65_536, $"{payload.Length} bytes");
            Assert.Equal((byte)'[', payload[0]);
            Assert.Empty(ContractCheck.SchemaErrors(generator.TelemetryTopic, payload));
            // Received after the last reading was taken: none is in the future.
            var result = ContractCheck.Decode(generator.Device, generator.TelemetryTopic, payload, kept[^1].TimestampMs);
            Assert.False(result.HasErrors, string.Join("; ", result.Errors));
            Assert.InRange(result.Readings.Length, 1, 500);
            decoded.AddRange(result.Readings.ToArray());
        }

        Assert.Equal(kept.Count, decoded.Count);
        for (var i = 0; i < kept.Count; i++)
        {
            AssertSame(kept[i], decoded[i]);
        }
    }

    private static void AssertSame(Reading expected, Reading actual)
    {
        Assert.Equal(expected.Seq, actual.Seq);
        Assert.Equal(expected.TimestampMs, actual.TimestampMs);
        Assert.Equal(expected.PresentMask, actual.PresentMask);
        for (var slot = 0; slot < FieldValues.Capacity; slot++)
        {
            Assert.Equal(expected[slot], actual[slot]);
        }
    }
}
