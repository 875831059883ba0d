using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans;
using Orleans.Runtime;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Live;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Cluster.Tests;

/// <summary>
/// A live stream on any silo gets the changes of twins living on every silo: with a stream open on
/// each silo that answers, every twin lives on another silo than some stream, so each reading must
/// be relayed to arrive everywhere.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class LiveAcrossSilosTests(RedisClusterFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reading_arrives_on_the_live_streams_of_every_silo_whichever_silo_hosts_its_twin()
    {
        // Another test of the collection kills a silo: use those that answer.
        var alive = new List<TwinHost>();
        foreach (var silo in fixture.Silos)
        {
            if (await AnswersAsync(silo))
            {
                alive.Add(silo);
            }
        }

        Assert.True(alive.Count >= 2, $"fewer than two silos answer: {fixture}");
        var streams = new List<EventStreamClient>();
        var clients = alive.Select(s => s.CreateClient(RedisClusterFixture.AdminKey)).ToList();
        try
        {
            foreach (var client in clients)
            {
                streams.Add(await EventStreamClient.OpenAsync(client, "/api/live?kind=air-quality", TimeSpan.FromSeconds(20)));
            }

            var assets = new List<(string Id, string Secret)>();
            for (var i = 0; i < 6; i++)
            {
                var id = $"aq-live-{i}-{Guid.NewGuid():N}"[..24];
                using var created = await clients[0].PostAsJsonAsync(new Uri("api/assets", UriKind.Relative), new { id, kind = "air-quality", name = "Live " + i, location = new { lon = -0.1270, lat = 51.5194 } }, Cancel);
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                var body = await created.Content.ReadFromJsonAsync<JsonElement>(Cancel);
                assets.Add((id, body.GetProperty("device").GetProperty("secret").GetString()!));
            }

            var homes = new HashSet<int>();
            foreach (var (id, _) in assets)
            {
                var address = await fixture.Cluster.GetGrain<IManagementGrain>(0).GetActivationAddress(fixture.Cluster.GetGrain<IAssetTwinGrain>(id), Cancel);
                homes.Add(address!.Endpoint.Port);
            }

            var seq = 0;
            foreach (var (id, secret) in assets)
            {
                await using var device = await DeviceClient.ConnectAsync(alive[0].MqttPort, id, secret);

                // A node starts relaying once the live directory has told it of the others' streams:
                // until then a reading may reach only its twin's own silo, so send another.
                await Eventually.WaitAsync(
                    async () =>
                    {
                        await device.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, id), $$"""{"seq":{{++seq}},"ts":{{DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds()}},"no2":{{20 + seq}}}""");
                        foreach (var stream in streams)
                        {
                            try
                            {
                                await stream.WaitForAsync(e => e.Name == "twin" && e.Json.GetProperty("asset").GetString() == id, TimeSpan.FromSeconds(1));
                            }
                            catch (TimeoutException)
                            {
                                return false;
                            }
                        }

                        return true;
                    },
                    everywhere => everywhere,
                    TimeSpan.FromSeconds(30));
            }

            Assert.All(streams, s => Assert.Equal(assets.Select(a => a.Id).Order(), s.Events.Select(e => e.Json.GetProperty("asset").GetString()!).Where(id => id.StartsWith("aq-live-", StringComparison.Ordinal)).Distinct().Order()));
            Assert.Contains(alive, silo => homes.Any(port => port != silo.SiloPort));
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }

            clients.ForEach(c => c.Dispose());
        }
    }

    private static async Task<bool> AnswersAsync(TwinHost silo)
    {
        using var client = silo.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(5);
        try
        {
            using var response = await client.GetAsync(new Uri("health/live", UriKind.Relative), Cancel);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !Cancel.IsCancellationRequested)
        {
            return false;
        }
    }
}
