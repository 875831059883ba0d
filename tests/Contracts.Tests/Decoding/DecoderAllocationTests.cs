using System.Buffers;
using System.Globalization;
using System.Text;
using UrbanTwin.Contracts.Decoding;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport.Contract;

namespace UrbanTwin.Contracts.Tests.Decoding;

/// <summary>
/// What decoding leaves for the garbage collector: nothing for valid readings (the hot path), and
/// for a rejected reading its one error, however much else is wrong in it.
/// </summary>
public sealed class DecoderAllocationTests
{
    private const long ReceivedAtMs = 1_557_219_630_000;

    private readonly PayloadDecoder _decoder = new();

    [Theory]
    [InlineData("air-quality/valid/backlog-500-readings-maximum.json", 0)]
    [InlineData("air-quality/valid/backlog-500-readings-maximum.json", 7)]
    [InlineData("air-quality/valid/backlog-500-readings-maximum.json", 4096)]
    [InlineData("footfall/valid/backlog-three-hours.json", 0)]
    [InlineData("footfall/valid/integers-written-as-decimal-and-exponent.json", 3)]
    [InlineData("bus-priority/valid/telemetry-backlog-with-boundaries.json", 0)]
    public void Decoding_valid_telemetry_allocates_nothing(string vectorPath, int segmentSize)
    {
        var vector = ContractVector.Load(vectorPath);
        var payload = segmentSize == 0 ? new ReadOnlySequence<byte>(vector.Payload) : Segments.Split(vector.Payload, segmentSize);
        Assert.True(DeviceTopic.TryParse(vector.Topic, out var topic));
        var schema = ContractSchemas.For(topic.Kind, topic.Type)!;

        var allocated = Measure(schema, payload, vector.ReceivedAtMs, out var result);

        Assert.Empty(result.Errors);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Thousands_of_unknown_fields_in_a_reading_cost_one_error()
    {
        var text = new StringBuilder("{\"seq\":1,\"ts\":\"2019-05-07T09:00:00Z\",\"no2\":28");
        for (var i = 0; text.Length < 60_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $",\"k{i}\":0");
        }

        var payload = Payload(text.Append('}'));
        var allocated = Measure(ContractSchemas.AirQualityTelemetry, payload, ReceivedAtMs, out var result);

        // A string and a message for every unknown key was 27 bytes a payload byte, and
        // System.Text.Json's duplicate-key check over the skipped keys 3 more.
        Assert.Equal("$.k0", Assert.Single(result.Errors).Path);
        Assert.True(allocated < 4 * 1024, $"{allocated:N0} bytes allocated for {payload.Length:N0} bytes");
    }

    [Fact]
    public void Readings_with_every_field_wrong_cost_one_error_each()
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < 500; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"{{\"seq\":{i},\"pm2_5\":-1,\"pm10\":-1,\"no2\":-1,\"o3\":-1,\"temperature\":-99,\"humidity\":-1,\"battery\":-1,\"rssi\":1,\"ts\":\"x\"}}");
        }

        var allocated = Measure(ContractSchemas.AirQualityTelemetry, Payload(text.Append(']')), ReceivedAtMs, out var result);

        Assert.Equal(500, result.Errors.Count);
        Assert.True(allocated < 500 * 512, $"{allocated:N0} bytes allocated, {allocated / 500:N0} per error");
    }

    private static ReadOnlySequence<byte> Payload(StringBuilder text) => new(Encoding.UTF8.GetBytes(text.ToString()));

    /// <summary>The bytes the second of two decodes allocates: the first warms up the JIT and the array pools.</summary>
    private long Measure(MessageSchema schema, ReadOnlySequence<byte> payload, long receivedAtMs, out DecodeResult result)
    {
        result = new DecodeResult();
        _decoder.Decode(schema, payload, receivedAtMs, result);
        var before = GC.GetAllocatedBytesForCurrentThread();
        _decoder.Decode(schema, payload, receivedAtMs, result);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
