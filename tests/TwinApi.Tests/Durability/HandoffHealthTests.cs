using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using MQTTnet;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.Durability;

/// <summary>
/// Readings on disk that cannot reach their twin are never silent: /health says so, the device
/// waits for its PUBACK, and the hand-off is tried again until the twin takes them.
/// </summary>
public sealed class HandoffHealthTests
{
    private const string AdminKey = "handoff-admin-key-5d7f9b1c3e5a7c9e1b3d";

    [Fact]
    public async Task A_twin_that_cannot_load_its_state_holds_the_puback_and_turns_health_degraded_until_it_can()
    {
        var dataDirectory = ServerProcess.CreateDirectory("handoff-health");
        var settings = new Dictionary<string, string>
        {
            ["Auth:AdminKey"] = AdminKey,
            ["Storage:DataDirectory"] = dataDirectory,
        };
        try
        {
            var asset = AssetBuilder.AirQuality();
            var topic = DeviceTopic.Telemetry(DeviceKind.AirQuality, asset.Id);
            var start = DateTimeOffset.UtcNow.AddHours(-2);
            string secret;
            await using (var first = await TwinHost.StartAsync(settings))
            {
                using var admin = first.CreateClient(AdminKey);
                secret = (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created).GetProperty("device").GetProperty("secret").GetString()!;
                await using var device = await DeviceClient.ConnectAsync(first.MqttPort, asset.Id, secret);
                Assert.True((await device.PublishAsync(topic, Reading(1, start))).IsSuccess);
            }

            // The twin's stored state is damaged while the node is down: its activation fails.
            var damaged = Execute(dataDirectory, "UPDATE grain_state SET payload = x'deadbeef' WHERE state_name = 'twin' AND grain_id LIKE '%' || $asset", asset.Id);
            Assert.Equal(1, damaged);

            await using var second = await TwinHost.StartAsync(settings);
            await using var again = await DeviceClient.ConnectAsync(second.MqttPort, asset.Id, secret, o => o.WithTimeout(TimeSpan.FromSeconds(60)));
            var publish = again.PublishAsync(topic, Reading(2, start));

            var degraded = await Eventually.WaitAsync(() => second.HealthCheckAsync("journal", TestContext.Current.CancellationToken), c => c.Status == "Degraded", TimeSpan.FromSeconds(20));
            Assert.Contains("1 asset(s) are on disk but not reaching their twins", degraded.Description, StringComparison.Ordinal);
            Assert.False(publish.IsCompleted, "a PUBACK left for a reading its twin does not have");

            // Repaired (the damaged state removed): the next attempt reaches the twin, the PUBACK leaves.
            Assert.Equal(1, Execute(dataDirectory, "DELETE FROM grain_state WHERE state_name = 'twin' AND grain_id LIKE '%' || $asset", asset.Id));
            Assert.True((await publish.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).IsSuccess);
            await Eventually.WaitAsync(() => second.HealthCheckAsync("journal", TestContext.Current.CancellationToken), c => c.Status == "Healthy", TimeSpan.FromSeconds(10));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static int Execute(string dataDirectory, string sql, string assetId)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "urbantwin.db"), Pooling = false, DefaultTimeout = 10 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$asset", assetId);
        return command.ExecuteNonQuery();
    }

    private static string Reading(int seq, DateTimeOffset start) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"seq":{{seq}},"ts":{{start.AddMinutes(seq).ToUnixTimeMilliseconds()}},"no2":{{20 + seq}}}""");
}
