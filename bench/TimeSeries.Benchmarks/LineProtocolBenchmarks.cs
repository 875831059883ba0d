using System.Buffers;
using BenchmarkDotNet.Attributes;
using UrbanTwin.TimeSeries.LineProtocol;

namespace UrbanTwin.TimeSeries.Benchmarks;

/// <summary>
/// Encoding cost per point into a reused buffer (single-threaded: points/s is per core): an
/// air-quality point as the twins will write it (measurement, asset/area/kind tags, four float
/// fields, ms timestamp), 5,000 points per batch as the writer batches them.
/// </summary>
[MemoryDiagnoser]
public class LineProtocolBenchmarks
{
    private const int BatchSize = 5_000;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "air-quality point, 3 tags, 4 fields")]
    public int AirQualityPoint()
    {
        _buffer.ResetWrittenCount();
        for (var i = 0; i < BatchSize; i++)
        {
            LinePoint.Start(_buffer, "air_quality")
                .Tag("area", "E09000033")
                .Tag("asset", "aq-westminster-01")
                .Tag("kind", "air-quality")
                .Field("no2", 28.0 + (i % 7))
                .Field("pm10", 17.5)
                .Field("pm2_5", 9.25)
                .Field("temperature", 12.4)
                .End(1_557_219_600_000 + i);
        }

        return _buffer.WrittenCount;
    }
}
