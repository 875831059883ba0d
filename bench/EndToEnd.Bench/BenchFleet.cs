using System.Globalization;
using System.Text;
using System.Text.Json;
using UrbanTwin.Bench.Load;
using UrbanTwin.Contracts;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// The devices of a run and where they stand: the load devices in Westminster, the probe stations
/// a few hundred metres north in Camden (a small box holding nothing else, so a live stream can
/// be filtered to them), and one warm-up device that proves a pipeline works end to end before the
/// clock starts and is left out of every count. Device id = asset id.
/// </summary>
public sealed class BenchFleet
{
    public const string ProbePrefix = "e2e-probe-";
    public const string WarmupId = "e2e-warmup";
    private const string Westminster = "E09000033";
    private const string Camden = "E09000007";

    /// <summary>The probe stations' box as <c>minLon,minLat,maxLon,maxLat</c>.</summary>
    public const string ProbeBox = "-0.1275,51.5188,-0.1255,51.5208";

    private readonly Dictionary<string, (double Lon, double Lat, string Area)> _places = new(StringComparer.Ordinal);

    public BenchFleet(int devices, int probes, IPayloadSource source)
    {
        Load = [.. Enumerable.Range(0, devices).Select(d => Place(
            new BenchDevice($"e2e-{source.KindOf(d).ToSegment()}-{d:0000}", source.KindOf(d), "unused"),
            -0.1357 + (d % 10 * 0.0003), 51.4975 + (d / 10 % 10 * 0.0002), Westminster))];
        Probes = [.. Enumerable.Range(0, probes).Select(p => Place(
            new BenchDevice($"{ProbePrefix}{p:00}", DeviceKind.AirQuality, "unused"),
            -0.1269 + (p % 5 * 0.0002), 51.5194 + (p / 5 % 5 * 0.0002), Camden))];
        Warmup = Place(new BenchDevice(WarmupId, DeviceKind.AirQuality, "unused"), -0.1420, 51.5010, Westminster);
    }

    private BenchFleet(BenchFleet fleet, IReadOnlyDictionary<string, string> secrets)
    {
        _places = fleet._places;
        Load = [.. fleet.Load.Select(d => d with { Secret = secrets[d.Id] })];
        Probes = [.. fleet.Probes.Select(d => d with { Secret = secrets[d.Id] })];
        Warmup = fleet.Warmup with { Secret = secrets[fleet.Warmup.Id] };
    }

    public IReadOnlyList<BenchDevice> Load { get; }

    public IReadOnlyList<BenchDevice> Probes { get; }

    public BenchDevice Warmup { get; }

    public IEnumerable<BenchDevice> All => [.. Load, .. Probes, Warmup];

    /// <summary>The measurements the load and the probes write to.</summary>
    public IReadOnlyList<string> Measurements => [.. All.Select(d => SeriesSchema.MeasurementOf(d.Kind)).Distinct()];

    /// <summary>The same devices with the secrets their registration returned.</summary>
    public BenchFleet WithSecrets(IReadOnlyDictionary<string, string> secrets) => new(this, secrets);

    /// <summary>The fleet as an asset import (<c>text/csv</c>).</summary>
    public string ImportCsv()
    {
        var csv = new StringBuilder("id,kind,name,lon,lat\n");
        foreach (var device in All)
        {
            var (lon, lat, _) = _places[device.Id];
            csv.Append(CultureInfo.InvariantCulture, $"{device.Id},{device.Kind.ToSegment()},Bench {device.Id},{lon:R},{lat:R}\n");
        }

        return csv.ToString();
    }

    /// <summary>The code of the London borough the device stands in.</summary>
    public string AreaOf(string deviceId) => _places[deviceId].Area;

    /// <summary>Device id → area code, as a city team would keep it next to its Node-RED flow.</summary>
    public string AreaLookupJson() => JsonSerializer.Serialize(_places.ToDictionary(p => p.Key, p => p.Value.Area));

    private BenchDevice Place(BenchDevice device, double lon, double lat, string area)
    {
        _places[device.Id] = (lon, lat, area);
        return device;
    }
}
