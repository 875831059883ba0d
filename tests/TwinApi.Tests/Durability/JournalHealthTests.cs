using System.Globalization;
using System.Net;
using System.Text;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.Durability;

/// <summary>A journal that fills up is never silent: /health says Degraded when it is nearly full and Unhealthy when ingestion waits.</summary>
public sealed class JournalHealthTests
{
    private const string AdminKey = "journal-admin-key-3e5f7a9b1c2d4e6f8a0b";

    [Fact]
    public async Task A_journal_that_is_not_checked_in_turns_health_degraded_then_unhealthy()
    {
        // The smallest journal allowed, and checkpoints an hour apart: nothing drains it.
        await using var host = await TwinHost.StartAsync(new Dictionary<string, string>
        {
            ["Auth:AdminKey"] = AdminKey,
            ["Journal:MaxBytes"] = (1024 * 1024).ToString(CultureInfo.InvariantCulture),
            ["Journal:CheckpointInterval"] = "01:00:00",
        });
        using var admin = host.CreateClient(AdminKey);
        var asset = AssetBuilder.AirQuality();
        var secret = (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created).GetProperty("device").GetProperty("secret").GetString()!;
        await using var device = await DeviceClient.ConnectAsync(host.MqttPort, asset.Id, secret);
        var start = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeMilliseconds();
        var seq = 0;
        var pending = new List<Task>();

        Assert.Equal("Healthy", (await host.HealthCheckAsync("journal", TestContext.Current.CancellationToken)).Status);
        while ((await host.HealthCheckAsync("journal", TestContext.Current.CancellationToken)).Status == "Healthy")
        {
            await device.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, asset.Id), Backlog(ref seq, start));
        }

        var degraded = await host.HealthCheckAsync("journal", TestContext.Current.CancellationToken);
        Assert.Equal("Degraded", degraded.Status);
        Assert.Contains("nearly full", degraded.Description, StringComparison.Ordinal);

        // Past the bound the next message waits for a checkpoint that will not come: no PUBACK, and health says why.
        for (var i = 0; i < 40; i++)
        {
            pending.Add(device.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, asset.Id), Backlog(ref seq, start)));
        }

        var unhealthy = await Eventually.WaitAsync(() => host.HealthCheckAsync("journal", TestContext.Current.CancellationToken), c => c.Status == "Unhealthy", TimeSpan.FromSeconds(20));
        Assert.Contains("journal full", unhealthy.Description, StringComparison.Ordinal);
        // Not acknowledged: still waiting, or given up by the client's own timeout on a slow machine.
        Assert.Contains(pending, t => !t.IsCompletedSuccessfully);
    }

    private static string Backlog(ref int seq, long start)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < 500; i++)
        {
            seq++;
            text.Append(CultureInfo.InvariantCulture, $$"""{"seq":{{seq}},"ts":{{start + seq}},"no2":{{seq % 300}},"pm2_5":{{seq % 50}}}""").Append(i < 499 ? "," : "]");
        }

        return text.ToString();
    }
}
