using System.Globalization;
using System.Text;
using UrbanTwin.Contracts;
using UrbanTwin.TestSupport.Readings;

namespace UrbanTwin.Bench.Load;

/// <summary>
/// Air-quality stations reporting London Westminster's real hourly NO2 and PM2.5 (µg/m³) from the
/// OpenAQ extracts in the test data, one value pair per reading in turn:
/// <c>{"seq":…,"ts":…,"no2":…,"pm2_5":…}</c>, about 60 bytes.
/// </summary>
public sealed class WestminsterAirQuality : IPayloadSource
{
    private const string Station = "London Westminster";
    private readonly double[] _no2 = [.. OpenAqCsv.Read("openaq-no2-long.csv", Station).Select(r => r.Value)];
    private readonly double[] _pm25 = [.. OpenAqCsv.Read("openaq-pm25-long.csv", Station).Select(r => r.Value)];

    public DeviceKind KindOf(int device) => DeviceKind.AirQuality;

    public byte[] Telemetry(int device, uint seq, long timestampMs)
    {
        var i = (int)((seq + ((uint)device * 7919)) % int.MaxValue);
        return Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"seq\":{seq},\"ts\":{timestampMs},\"no2\":{_no2[i % _no2.Length]},\"pm2_5\":{_pm25[i % _pm25.Length]}}}"));
    }
}
