using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MQTTnet;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TestSupport.Durability;

/// <summary>
/// Pulls the plug on the real host, again and again: devices publish QoS 1 readings with unique
/// (seq, ts) while the host is killed (SIGKILL) at a random moment and started again on the same
/// data directory. After the last restart it compares every acknowledged reading with history and
/// every twin with its history. The suite runs a few kills; <c>bench/crash.sh</c> runs many.
/// </summary>
public static class CrashLoop
{
    private const string AdminKey = "crash-admin-key-0a9b8c7d6e5f4a3b2c1d";

    public static async Task<CrashLoopReport> RunAsync(CrashLoopOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var dataDirectory = ServerProcess.CreateDirectory("crash-data");
        var settings = new Dictionary<string, string>
        {
            ["Auth:AdminKey"] = AdminKey,
            ["Storage:DataDirectory"] = dataDirectory,
            ["Mqtt:TlsPort"] = "0",
            ["Journal:CheckpointInterval"] = "00:00:00.500",
        };
        await using var influx = options.Store == "embedded" ? null : await InfluxServer.StartAsync();
        if (influx is not null)
        {
            settings["Influx:Url"] = influx.BaseUri.ToString();
            settings["Influx:Database"] = "crash" + Guid.NewGuid().ToString("N")[..8];
            if (options.Store == "influxdb-down")
            {
                await influx.StopAsync();
            }
        }

        var baseTime = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds());
        var devices = Enumerable.Range(0, options.Devices).Select(_ => new CrashDevice()).ToArray();
        var random = new Random();
        try
        {
            for (var round = 0; ; round++)
            {
                await using var host = await TwinHost.StartAsync(settings);
                using var admin = host.CreateClient(AdminKey);
                if (round == 0)
                {
                    foreach (var device in devices)
                    {
                        await device.RegisterAsync(admin, cancellationToken);
                    }
                }

                if (round == options.Kills)
                {
                    if (influx is not null && options.Store == "influxdb-down")
                    {
                        // InfluxDB is back: the spool empties into it.
                        await influx.RestartAsync();
                        await WaitForHistoryAsync(admin, devices, baseTime, TimeSpan.FromSeconds(120), cancellationToken);
                    }

                    return await CompareAsync(options, admin, devices, baseTime, Stopwatch.GetElapsedTime(started), cancellationToken);
                }

                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var publishing = devices.Select(d => d.PublishAsync(host.MqttPort, baseTime, options.InFlightPerDevice, stop.Token)).ToArray();
                var target = devices.Sum(d => d.Acknowledged.Count) + options.ReadingsPerRound;
                while (devices.Sum(d => d.Acknowledged.Count) < target)
                {
                    await Task.Delay(20, cancellationToken);
                }

                await Task.Delay(random.Next(0, (int)options.MaxExtraDelay.TotalMilliseconds + 1), cancellationToken);
                await host.KillAsync();
                await stop.CancelAsync();
                await Task.WhenAll(publishing);
                options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"kill {round + 1}/{options.Kills}: {devices.Sum(d => d.Acknowledged.Count):N0} readings acknowledged so far"));
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task WaitForHistoryAsync(HttpClient admin, CrashDevice[] devices, DateTimeOffset baseTime, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (!deadline.IsCancellationRequested)
        {
            var lost = 0L;
            foreach (var device in devices)
            {
                var stored = await device.StoredAsync(admin, baseTime, cancellationToken);
                lost += stored is null ? 1 : device.Acknowledged.Keys.Count(seq => !stored.Contains(seq));
            }

            if (lost == 0)
            {
                return;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static async Task<CrashLoopReport> CompareAsync(CrashLoopOptions options, HttpClient admin, CrashDevice[] devices, DateTimeOffset baseTime, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        long acknowledged = 0, storedCount = 0, lost = 0, twice = 0;
        var mismatches = new List<string>();
        foreach (var device in devices)
        {
            var stored = await device.StoredAsync(admin, baseTime, cancellationToken) ?? [];
            var distinct = stored.ToHashSet();
            acknowledged += device.Acknowledged.Count;
            storedCount += distinct.Count;
            lost += device.Acknowledged.Keys.Count(seq => !distinct.Contains(seq));
            twice += stored.Count - distinct.Count;
            using var twin = JsonDocument.Parse(await admin.GetStringAsync(new Uri($"api/assets/{device.Id}/twin", UriKind.Relative), cancellationToken));
            var accepted = twin.RootElement.GetProperty("counters").GetProperty("accepted").GetInt64();
            if (accepted != distinct.Count)
            {
                mismatches.Add($"{device.Id} counts {accepted} accepted, history holds {distinct.Count}");
            }

            if (distinct.Count > 0 && twin.RootElement.GetProperty("latest").TryGetProperty("no2", out var latest)
                && latest.GetProperty("at").GetDateTimeOffset().ToUnixTimeMilliseconds() != baseTime.ToUnixTimeMilliseconds() + distinct.Max())
            {
                mismatches.Add($"{device.Id} latest no2 at {latest.GetProperty("at").GetDateTimeOffset():O}, newest reading at {baseTime.AddMilliseconds(distinct.Max()):O}");
            }
        }

        return new CrashLoopReport(options.Store, options.Kills, acknowledged, storedCount, lost, twice, mismatches, elapsed);
    }

    /// <summary>One air-quality station of the loop: its credentials, its next seq and what was acknowledged to it.</summary>
    private sealed class CrashDevice
    {
        private int _nextSeq;

        public string Id { get; } = "aq-crash-" + Guid.NewGuid().ToString("N")[..16];

        public string Secret { get; private set; } = "";

        public ConcurrentDictionary<uint, byte> Acknowledged { get; } = new();

        public async Task RegisterAsync(HttpClient admin, CancellationToken cancellationToken)
        {
            // Marylebone Road, a real London monitoring site.
            using var created = await admin.PostAsJsonAsync(
                new Uri("api/assets", UriKind.Relative),
                new { id = Id, kind = "air-quality", name = "Marylebone Road", location = new { lon = -0.1546, lat = 51.5225 } },
                cancellationToken);
            if (created.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"registering {Id}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(cancellationToken)}");
            }

            using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancellationToken));
            Secret = body.RootElement.GetProperty("device").GetProperty("secret").GetString()!;
        }

        public async Task PublishAsync(int port, DateTimeOffset baseTime, int inFlight, CancellationToken stop)
        {
            DeviceClient client;
            try
            {
                client = await DeviceClient.ConnectAsync(port, Id, Secret);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }

            await using var _ = client;
            using var slots = new SemaphoreSlim(inFlight);
            var sends = new List<Task>();
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

                var seq = (uint)Interlocked.Increment(ref _nextSeq);
                var ts = baseTime.AddMilliseconds(seq).ToUnixTimeMilliseconds();
                sends.Add(SendAsync(client, seq, ts, slots));
            }

            await Task.WhenAll(sends);
        }

        /// <summary>Reading times in history, as seq (ms after the base time); null while history cannot be read.</summary>
        public async Task<List<uint>?> StoredAsync(HttpClient admin, DateTimeOffset baseTime, CancellationToken cancellationToken)
        {
            var from = baseTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            var to = baseTime.AddHours(2).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            using var response = await admin.GetAsync(new Uri($"api/assets/{Id}/history?fields=no2&from={from}&to={to}", UriKind.Relative), cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            using var history = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return [.. history.RootElement.GetProperty("series").GetProperty("no2").EnumerateArray()
                .Select(p => (uint)(p.GetProperty("t").GetDateTimeOffset().ToUnixTimeMilliseconds() - baseTime.ToUnixTimeMilliseconds()))];
        }

        private async Task SendAsync(DeviceClient client, uint seq, long ts, SemaphoreSlim slots)
        {
            try
            {
                var result = await client.PublishAsync(
                    $"ut/v1/air-quality/{Id}/telemetry",
                    string.Create(CultureInfo.InvariantCulture, $$"""{"seq":{{seq}},"ts":{{ts}},"no2":{{seq % 1000}}}"""));
                if (result.ReasonCode == MqttClientPublishReasonCode.Success)
                {
                    Acknowledged.TryAdd(seq, 0);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The host was killed: this reading was never acknowledged.
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
