using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using UrbanTwin.Contracts.Decoding;
using UrbanTwin.Contracts.Fields;

namespace UrbanTwin.Contracts.Benchmarks;

/// <summary>
/// Decoding cost per message, single-threaded (so messages/s is per core). Payloads use London
/// Westminster's real values of 2019-05-07 09:00 UTC; timestamps as devices send them.
/// </summary>
[MemoryDiagnoser]
public class DecoderBenchmarks
{
    private static readonly long ReceivedAtMs = DateTimeOffset.Parse("2019-05-07T09:00:05Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    private readonly PayloadDecoder _decoder = new();
    private readonly DecodeResult _result = new();
    private ReadOnlySequence<byte> _airQuality;
    private ReadOnlySequence<byte> _airQualityEpoch;
    private ReadOnlySequence<byte> _footfall;
    private ReadOnlySequence<byte> _backlog;

    [GlobalSetup]
    public void Setup()
    {
        _airQuality = Bytes("""{"seq":4711,"ts":"2019-05-07T09:00:00Z","pm2_5":9,"pm10":17.5,"no2":48,"o3":31.2,"temperature":12.4,"humidity":71.3,"battery":3.92,"rssi":-71}""");
        _airQualityEpoch = Bytes("""{"seq":4711,"ts":1557219600000,"pm2_5":9,"no2":48}""");
        _footfall = Bytes("""{"seq":90210,"ts":"2019-05-07T09:00:00Z","interval":3600,"countIn":412,"countOut":388,"battery":3.71,"rssi":-80}""");
        var backlog = new StringBuilder("[");
        for (var i = 0; i < 100; i++)
        {
            backlog.Append(i == 0 ? "" : ",")
                .Append("{\"seq\":").Append(1000 + i)
                .Append(",\"ts\":").Append(ReceivedAtMs - ((100 - i) * 60_000L))
                .Append(",\"pm2_5\":").Append(8 + (i % 5))
                .Append(",\"no2\":").Append(40 + (i % 9)).Append('}');
        }

        _backlog = Bytes(backlog.Append(']').ToString());
    }

    [Benchmark(Baseline = true, Description = "air-quality, 8 fields, RFC 3339 ts")]
    public int AirQuality() => Decode(ContractSchemas.AirQualityTelemetry, _airQuality);

    [Benchmark(Description = "air-quality, 2 fields, epoch ts")]
    public int AirQualityEpoch() => Decode(ContractSchemas.AirQualityTelemetry, _airQualityEpoch);

    [Benchmark(Description = "footfall, 5 fields")]
    public int Footfall() => Decode(ContractSchemas.FootfallTelemetry, _footfall);

    [Benchmark(Description = "air-quality backlog of 100 readings", OperationsPerInvoke = 100)]
    public int Backlog() => Decode(ContractSchemas.AirQualityTelemetry, _backlog);

    private int Decode(MessageSchema schema, in ReadOnlySequence<byte> payload)
    {
        _decoder.Decode(schema, payload, ReceivedAtMs, _result);
        if (_result.HasErrors)
        {
            throw new InvalidOperationException(_result.Errors[0].Message);
        }

        return _result.Readings.Length;
    }

    private static ReadOnlySequence<byte> Bytes(string json) => new(Encoding.UTF8.GetBytes(json));
}
