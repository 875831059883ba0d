using System.Globalization;
using System.Text;
using System.Text.Json;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.Durability;

/// <summary>
/// An import answered 200 is kept through kill -9 right after the answer: the host started again
/// on the same data directory finds every twin, lists every asset on the map and in its kind's
/// open data (map cells and inventory shards write behind; the twins, woken at start from the
/// fleet index, list themselves again), and lets each device in with its secret.
/// </summary>
public sealed class ImportCrashTests : IAsyncLifetime
{
    private const string AdminKey = "import-crash-admin-key-5e7a9c1b3d";
    private const int Rows = 600;

    // A spot of its own in Croydon, about 1 km across.
    private const double West = -0.105, South = 51.370, Span = 0.01;

    private readonly string _directory = ServerProcess.CreateDirectory("import-crash");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_imported_asset_is_found_listed_and_let_in_after_kill_9()
    {
        var random = new Random(600);
        var csv = new StringBuilder("id,kind,name,lon,lat\n");
        for (var i = 0; i < Rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"crash-{i:D4},{(i % 2 == 0 ? "footfall" : "air-quality")},Crash {i},{West + (random.NextDouble() * Span):R},{South + (random.NextDouble() * Span):R}\n");
        }

        Dictionary<string, (string DeviceId, string Secret)> devices;
        await using (var first = await StartAsync())
        {
            using var admin = first.CreateClient(AdminKey);
            var result = (await admin.PostAsync("/api/assets/import", csv.ToString(), "text/csv")).AssertOk();
            await first.KillAsync();
            devices = result.GetProperty("assets").EnumerateArray().ToDictionary(
                a => a.GetProperty("id").GetString()!,
                a => (a.GetProperty("deviceId").GetString()!, a.GetProperty("secret").GetString()!));
        }

        await using var second = await StartAsync();
        using var client = second.CreateClient(AdminKey);
        var bbox = string.Create(CultureInfo.InvariantCulture, $"/api/assets?bbox={West},{South},{West + Span},{South + Span}&limit=100");
        var mapped = await Eventually.WaitAsync(async () => (await MapQueries.AllAsync(client, bbox)).Ids, ids => ids.Count == Rows, TimeSpan.FromSeconds(60));
        var footfall = await Eventually.WaitAsync(() => OpenDataIdsAsync(client, "footfall"), ids => ids.Count == Rows / 2, TimeSpan.FromSeconds(60));

        Assert.Equal(devices.Keys.Order(StringComparer.Ordinal), mapped.Order(StringComparer.Ordinal));
        Assert.Equal(devices.Keys.Where((_, i) => i % 2 == 0).Order(StringComparer.Ordinal), footfall.Order(StringComparer.Ordinal));
        foreach (var id in devices.Keys.Where((_, i) => i % 50 == 0))
        {
            (await client.GetJsonAsync($"/api/assets/{id}")).AssertOk();
            await using var device = await DeviceClient.ConnectAsync(second.MqttPort, devices[id].DeviceId, devices[id].Secret);
            Assert.True(device.IsConnected);
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private Task<TwinHost> StartAsync() => TwinHost.StartAsync(new Dictionary<string, string>
    {
        ["Storage:DataDirectory"] = Path.Combine(_directory, "data"),
        ["Auth:AdminKey"] = AdminKey,
    });

    /// <summary>The asset ids of the kind's open-data GeoJSON, which lists the kind's inventory.</summary>
    private static async Task<List<string>> OpenDataIdsAsync(HttpClient client, string kind)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/opendata/v1/{kind}.geojson", UriKind.Relative), Cancel));
        return [.. document.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!)];
    }
}
