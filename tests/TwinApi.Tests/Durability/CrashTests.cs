using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using MQTTnet;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.Durability;

/// <summary>
/// Acknowledged means kept: devices publish QoS 1 readings with unique (seq, ts) while the host is
/// killed (SIGKILL) at a random moment and started again on the same data directory, several times.
/// Every reading that got a PUBACK must be in history exactly once, and each twin must agree with
/// its history: its accepted counter counts every stored reading once, its latest value is the
/// newest reading's. With the embedded store, with InfluxDB up, and with InfluxDB down for every
/// kill (the readings wait in the spool and reach InfluxDB once it is back).
/// </summary>
public sealed class CrashTests
{
    private const string AdminKey = "crash-admin-key-0a9b8c7d6e5f4a3b2c1d";
    private const int Devices = 4;
    private const int InFlightPerDevice = 16;
    private const int Kills = 3;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("embedded")]
    [InlineData("influxdb")]
    [InlineData("influxdb-down")]
    public async Task Every_acknowledged_reading_survives_kill_9_exactly_once_and_twins_agree_with_history(string store)
    {
        var dataDirectory = ServerProcess.CreateDirectory("crash-data");
        var settings = new Dictionary<string, string>
        {
            ["Auth:AdminKey"] = AdminKey,
            ["Storage:DataDirectory"] = dataDirectory,
            ["Mqtt:TlsPort"] = "0",
            ["Journal:CheckpointInterval"] = "00:00:00.500",
        };
        await using var influx = store == "embedded" ? null : await InfluxServer.StartAsync();
        if (influx is not null)
        {
            settings["Influx:Url"] = influx.BaseUri.ToString();
            settings["Influx:Database"] = "crash" + Guid.NewGuid().ToString("N")[..8];
            if (store == "influxdb-down")
            {
                await influx.StopAsync();
            }
        }

        var baseTime = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds());
        var acked = Enumerable.Range(0, Devices).Select(_ => new ConcurrentDictionary<uint, byte>()).ToArray();
        var ids = new string[Devices];
        var secrets = new string[Devices];
        var nextSeq = new int[Devices];
        var random = new Random();
        try
        {
            for (var round = 0; round <= Kills; round++)
            {
                await using var host = await TwinHost.StartAsync(settings);
                using var admin = host.CreateClient(AdminKey);
                if (round == 0)
                {
                    for (var d = 0; d < Devices; d++)
                    {
                        var asset = AssetBuilder.AirQuality();
                        var created = (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created);
                        (ids[d], secrets[d]) = (asset.Id, created.GetProperty("device").GetProperty("secret").GetString()!);
                    }
                }

                if (round == Kills)
                {
                    if (store == "influxdb-down")
                    {
                        // InfluxDB is back: the spool empties into it.
                        await influx!.RestartAsync();
                        await Eventually.WaitAsync(() => LostAsync(admin, ids, acked, baseTime), lost => lost == 0, TimeSpan.FromSeconds(60));
                    }

                    await AssertKeptAsync(admin, ids, acked, baseTime);
                    break;
                }

                // What the previous run acknowledged is all there after the restart.
                if (store != "influxdb-down")
                {
                    await AssertKeptAsync(admin, ids, acked, baseTime);
                }

                using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
                var publishers = Enumerable.Range(0, Devices).Select(d => PublishAsync(host.MqttPort, ids[d], secrets[d], baseTime, () => (uint)Interlocked.Increment(ref nextSeq[d]), acked[d], stop.Token)).ToArray();
                while (acked.Sum(a => a.Count) < (round + 1) * 400)
                {
                    await Task.Delay(20, Cancel);
                }

                await Task.Delay(random.Next(0, 300), Cancel);
                await host.KillAsync();
                await stop.CancelAsync();
                await Task.WhenAll(publishers);
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task PublishAsync(int port, string id, string secret, DateTimeOffset baseTime, Func<uint> next, ConcurrentDictionary<uint, byte> acked, CancellationToken stop)
    {
        DeviceClient client;
        try
        {
            client = await DeviceClient.ConnectAsync(port, id, secret);
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            return;
        }

        await using var _ = client;
        using var slots = new SemaphoreSlim(InFlightPerDevice);
        var inFlight = new List<Task>();
        while (!stop.IsCancellationRequested && client.IsConnected)
        {
            try
            {
                await slots.WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var seq = next();
            var ts = baseTime.AddMilliseconds(seq).ToUnixTimeMilliseconds();
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    var result = await client.PublishAsync(DeviceTopic.Telemetry(Contracts.DeviceKind.AirQuality, id), $$"""{"seq":{{seq}},"ts":{{ts}},"no2":{{seq % 1000}}}""");
                    if (result.ReasonCode == MqttClientPublishReasonCode.Success)
                    {
                        acked.TryAdd(seq, 0);
                    }
                }
                catch (Exception)
                {
                    // The host was killed: this reading was never acknowledged.
                }
                finally
                {
                    slots.Release();
                }
            }, CancellationToken.None));
        }

        await Task.WhenAll(inFlight);
    }

    /// <summary>How many acknowledged readings history does not hold (yet), or -1 while history cannot be read.</summary>
    private static async Task<int> LostAsync(HttpClient admin, string[] ids, ConcurrentDictionary<uint, byte>[] acked, DateTimeOffset baseTime)
    {
        var lost = 0;
        for (var d = 0; d < ids.Length; d++)
        {
            if (await StoredAsync(admin, ids[d], baseTime) is not { } stored)
            {
                return -1;
            }

            lost += acked[d].Keys.Count(seq => !stored.Contains(seq));
        }

        return lost;
    }

    private static async Task<List<uint>?> StoredAsync(HttpClient admin, string id, DateTimeOffset baseTime)
    {
        var from = baseTime.ToString("O", CultureInfo.InvariantCulture).Replace("+00:00", "Z", StringComparison.Ordinal);
        var to = baseTime.AddHours(2).ToString("O", CultureInfo.InvariantCulture).Replace("+00:00", "Z", StringComparison.Ordinal);
        var history = await admin.GetJsonAsync($"/api/assets/{id}/history?fields=no2&from={from}&to={to}");
        return history.Status != HttpStatusCode.OK
            ? null
            : [.. history.Body.GetProperty("series").GetProperty("no2").EnumerateArray()
                .Select(p => (uint)(p.GetProperty("t").GetDateTimeOffset().ToUnixTimeMilliseconds() - baseTime.ToUnixTimeMilliseconds()))];
    }

    private static async Task AssertKeptAsync(HttpClient admin, string[] ids, ConcurrentDictionary<uint, byte>[] acked, DateTimeOffset baseTime)
    {
        for (var d = 0; d < ids.Length; d++)
        {
            var stored = await StoredAsync(admin, ids[d], baseTime);
            Assert.NotNull(stored);
            var twin = (await admin.GetJsonAsync($"/api/assets/{ids[d]}/twin")).AssertOk();

            var lost = acked[d].Keys.Where(seq => !stored.Contains(seq)).Order().ToList();
            Assert.True(lost.Count == 0, $"{ids[d]}: {lost.Count} acknowledged readings lost from history, e.g. seq {string.Join(", ", lost.Take(10))}");
            Assert.Equal(stored.Count, stored.Distinct().Count());
            Assert.Equal(stored.Count, twin.GetProperty("counters").GetProperty("accepted").GetInt64());
            if (stored.Count > 0)
            {
                var latestAt = twin.GetProperty("latest").GetProperty("no2").GetProperty("at").GetDateTimeOffset();
                Assert.Equal(baseTime.AddMilliseconds(stored.Max()).ToUnixTimeMilliseconds(), latestAt.ToUnixTimeMilliseconds());
            }
        }
    }
}
