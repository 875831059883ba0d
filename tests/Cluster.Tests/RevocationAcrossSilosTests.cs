using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Cluster.Tests;

/// <summary>A device decommissioned through one silo is disconnected from every silo's broker at once.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RevocationAcrossSilosTests(RedisClusterFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Decommissioning_through_one_silo_disconnects_the_device_from_the_others()
    {
        // Another test of the collection kills a silo: use those that answer.
        var alive = new List<TwinHost>();
        foreach (var silo in fixture.Silos)
        {
            using var probe = silo.CreateClient();
            probe.Timeout = TimeSpan.FromSeconds(5);
            try
            {
                if ((await probe.GetAsync(new Uri("health/live", UriKind.Relative), Cancel)).IsSuccessStatusCode)
                {
                    alive.Add(silo);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!Cancel.IsCancellationRequested)
            {
            }
        }

        Assert.True(alive.Count >= 2, "fewer than two silos answer");
        var id = "aq-revoked-" + Guid.NewGuid().ToString("N")[..12];
        using var admin = alive[0].CreateClient(RedisClusterFixture.AdminKey);
        using var created = await admin.PostAsJsonAsync(
            new Uri("api/assets", UriKind.Relative),
            new { id, kind = "air-quality", name = "Marylebone Road", location = new { lon = -0.1546, lat = 51.5225 } },
            Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("device").GetProperty("secret").GetString()!;
        var connections = new List<DeviceClient>();
        try
        {
            foreach (var silo in alive)
            {
                connections.Add(await DeviceClient.ConnectAsync(silo.MqttPort, id, secret));
            }

            using var deleted = await admin.DeleteAsync(new Uri($"api/assets/{id}", UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

            // At once, or, when the gateway directory has just moved off a killed silo, when each
            // node next renews its entry there (the directory hands it the revocations it missed).
            var withinARenewal = TimeSpan.FromSeconds(IGatewayDirectoryGrain.RenewSeconds + 10);
            await Eventually.WaitAsync(() => Task.FromResult(connections.Count(c => c.IsConnected)), connected => connected == 0, withinARenewal);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
