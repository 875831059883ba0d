using System.Globalization;
using System.Text.Json;
using UrbanTwin.TimeSeries.Influx;

namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// One database of the shared influxd, through the product's v1 client: created fresh per
/// scenario, written raw (the limit), counted per measurement (zero loss), and polled for the
/// probes' points (publish → InfluxDB latency).
/// </summary>
public sealed class InfluxDatabase(Uri url, string name)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly InfluxClient _client = new(Http, new InfluxOptions { Url = url, Database = name });

    public Uri Url { get; } = url;

    public string Name { get; } = name;

    public async Task CreateAsync(CancellationToken cancellationToken) =>
        (await _client.CommandAsync($"CREATE DATABASE \"{Name}\"", cancellationToken)).Dispose();

    public Task WriteAsync(ReadOnlyMemory<byte> lines, CancellationToken cancellationToken) => _client.WriteAsync(lines, cancellationToken);

    /// <summary>
    /// Points stored in the measurements (at or after <paramref name="sinceMs"/> when given),
    /// leaving out <paramref name="exceptAsset"/> (the warm-up device): per measurement the largest per-field count, exact when every reading of a kind
    /// carries one field in common (the Westminster readings carry no2 and pm2_5; footfall and
    /// bus-priority readings have required fields).
    /// </summary>
    public async Task<long> CountAsync(IEnumerable<string> measurements, string exceptAsset, long? sinceMs, CancellationToken cancellationToken)
    {
        var total = 0L;
        var since = sinceMs is { } ms ? string.Create(CultureInfo.InvariantCulture, $" AND time >= {ms}ms") : "";
        foreach (var measurement in measurements)
        {
            using var result = await _client.QueryAsync(
                $"SELECT count(*) FROM \"{measurement}\" WHERE \"asset\" != $except{since}",
                new Dictionary<string, object> { ["except"] = exceptAsset },
                cancellationToken);
            var most = 0L;
            foreach (var row in Rows(result))
            {
                for (var i = 1; i < row.GetArrayLength(); i++)
                {
                    most = Math.Max(most, row[i].ValueKind == JsonValueKind.Number ? row[i].GetInt64() : 0);
                }
            }

            total += most;
        }

        return total;
    }

    /// <summary>Whether any point of <paramref name="asset"/> is stored in <paramref name="measurement"/>.</summary>
    public async Task<bool> HasAnyAsync(string measurement, string asset, CancellationToken cancellationToken)
    {
        using var result = await _client.QueryAsync(
            $"SELECT count(*) FROM \"{measurement}\" WHERE \"asset\" = $asset",
            new Dictionary<string, object> { ["asset"] = asset },
            cancellationToken);
        return Rows(result).Any();
    }

    /// <summary>The time of the latest point of each asset starting with <paramref name="assetPrefix"/>, among points at or after <paramref name="sinceMs"/>.</summary>
    public async Task<Dictionary<string, long>> LatestPerAssetAsync(string measurement, string field, string assetPrefix, long sinceMs, CancellationToken cancellationToken)
    {
        using var result = await _client.QueryAsync(
            string.Create(CultureInfo.InvariantCulture, $"SELECT last(\"{field}\") FROM \"{measurement}\" WHERE \"asset\" =~ /^{assetPrefix}/ AND time >= {sinceMs}ms GROUP BY \"asset\""),
            new Dictionary<string, object>(),
            cancellationToken);
        var latest = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var statement in result.RootElement.GetProperty("results").EnumerateArray())
        {
            if (statement.TryGetProperty("series", out var series))
            {
                foreach (var s in series.EnumerateArray())
                {
                    latest[s.GetProperty("tags").GetProperty("asset").GetString()!] = s.GetProperty("values")[0][0].GetInt64();
                }
            }
        }

        return latest;
    }

    private static IEnumerable<JsonElement> Rows(JsonDocument result)
    {
        foreach (var statement in result.RootElement.GetProperty("results").EnumerateArray())
        {
            if (!statement.TryGetProperty("series", out var series))
            {
                continue;
            }

            foreach (var s in series.EnumerateArray())
            {
                foreach (var row in s.GetProperty("values").EnumerateArray())
                {
                    yield return row;
                }
            }
        }
    }
}
