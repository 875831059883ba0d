using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using UrbanTwin.Contracts;
using UrbanTwin.Simulator.Fleet;

namespace UrbanTwin.Simulator.Provisioning;

/// <summary>
/// Provisions a simulated fleet against a running host over its HTTP API, as an operator would:
/// <c>POST /api/assets/import</c> (GeoJSON) in chunks; where an import is refused because some
/// assets exist already, each of those gets a new secret (<c>POST /api/assets/{id}/secret</c>) and
/// the rest are imported. <paramref name="client"/> has the host as its base address and a key
/// that may manage assets as its bearer token.
/// </summary>
public sealed class HttpFleetProvisioner(HttpClient client, int chunkSize = 5_000) : IFleetProvisioner
{
    private const int Parallelism = 16;

    public async Task<ProvisionedFleet> ProvisionAsync(IReadOnlyList<SimulatedDevice> devices, CancellationToken cancellationToken)
    {
        var provisioned = new List<ProvisionedDevice>(devices.Count);
        int registered = 0, renewed = 0, skipped = 0;
        foreach (var chunk in devices.Chunk(chunkSize))
        {
            if (await TryImportAsync(chunk, provisioned, cancellationToken))
            {
                registered += chunk.Length;
                continue;
            }

            var existing = new (SimulatedDevice Device, HttpStatusCode Status, JsonElement Asset)[chunk.Length];
            await Parallel.ForAsync(0, chunk.Length, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                using var response = await client.GetAsync(new Uri("api/assets/" + chunk[i].AssetId, UriKind.Relative), ct);
                existing[i] = (chunk[i], response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(ct) : default);
            });

            var fresh = existing.Where(e => e.Status == HttpStatusCode.NotFound).Select(e => e.Device).ToArray();
            if (fresh.Length > 0 && !await TryImportAsync(fresh, provisioned, cancellationToken))
            {
                throw new HttpRequestException("the host refused to import the simulated assets that do not exist yet");
            }

            registered += fresh.Length;
            var reusable = existing.Where(e => e.Status == HttpStatusCode.OK && IsReusable(e.Device, e.Asset)).Select(e => e.Device).ToArray();
            var secrets = new string?[reusable.Length];
            await Parallel.ForAsync(0, reusable.Length, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                using var response = await client.PostAsync(new Uri($"api/assets/{reusable[i].AssetId}/secret", UriKind.Relative), null, ct);
                secrets[i] = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("secret").GetString() : null;
            });
            for (var i = 0; i < reusable.Length; i++)
            {
                if (secrets[i] is { } secret)
                {
                    provisioned.Add(new ProvisionedDevice(reusable[i], secret));
                    renewed++;
                }
            }

            skipped += chunk.Length - fresh.Length - renewed;
        }

        provisioned.Sort((a, b) => a.Device.Index.CompareTo(b.Device.Index));
        return new ProvisionedFleet(provisioned, registered, renewed, skipped);
    }

    /// <summary>The GeoJSON import body for planned devices (also what an operator could send by hand).</summary>
    public static JsonObject ImportDocument(IEnumerable<SimulatedDevice> devices) => new()
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray([.. devices.Select(d => (JsonNode)new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = d.AssetId,
            ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(d.Longitude, d.Latitude) },
            ["properties"] = new JsonObject
            {
                ["kind"] = d.Kind.ToSegment(),
                ["name"] = d.Name,
                ["deviceId"] = d.DeviceId,
                ["metadata"] = new JsonObject { ["simulated"] = "true", ["busStop"] = d.Place.Code },
            },
        })]),
    };

    private async Task<bool> TryImportAsync(IReadOnlyList<SimulatedDevice> devices, List<ProvisionedDevice> provisioned, CancellationToken cancellationToken)
    {
        using var content = new StringContent(ImportDocument(devices).ToJsonString(), System.Text.Encoding.UTF8, "application/geo+json");
        using var response = await client.PostAsync(new Uri("api/assets/import", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var secrets = result.GetProperty("assets").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, a => a.TryGetProperty("secret", out var s) ? s.GetString() : null, StringComparer.Ordinal);
        foreach (var device in devices)
        {
            if (secrets.GetValueOrDefault(device.AssetId) is { } secret)
            {
                provisioned.Add(new ProvisionedDevice(device, secret));
            }
        }

        return true;
    }

    /// <summary>An existing asset the device may report for again: in service, of its kind, bound to it.</summary>
    private static bool IsReusable(SimulatedDevice device, JsonElement asset) =>
        asset.GetProperty("status").GetString() != "decommissioned"
        && asset.GetProperty("kind").GetString() == device.Kind.ToSegment()
        && asset.TryGetProperty("deviceId", out var deviceId) && deviceId.GetString() == device.DeviceId;
}
