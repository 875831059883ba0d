using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.Durability;

/// <summary>Readings that are not reaching their store are never silent: /health's time-series check says why.</summary>
public sealed class TimeSeriesHealthTests
{
    private const string AdminKey = "series-health-key-7b9d1f3a5c7e9a1b3d5f";

    [Fact]
    public async Task An_influxdb_that_cannot_be_reached_at_start_is_reported_as_schema_not_set_up()
    {
        await using var host = await TwinHost.StartAsync(new Dictionary<string, string>
        {
            ["Influx:Url"] = $"http://127.0.0.1:{FreePort.Next()}/",
        });

        var check = await Eventually.WaitAsync(() => host.HealthCheckAsync("time-series", TestContext.Current.CancellationToken), c => c.Status != "Healthy", TimeSpan.FromSeconds(20));

        Assert.Equal("Degraded", check.Status);
        Assert.Contains("schema not set up", check.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embedded_commits_refused_by_the_database_turn_health_degraded_until_they_succeed_again_with_a_fault_injected_by_trigger()
    {
        await using var host = await TwinHost.StartAsync(new Dictionary<string, string> { ["Auth:AdminKey"] = AdminKey });
        using var admin = host.CreateClient(AdminKey);
        var asset = AssetBuilder.Footfall();
        var secret = (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created).GetProperty("device").GetProperty("secret").GetString()!;
        await using var device = await DeviceClient.ConnectAsync(host.MqttPort, asset.Id, secret);
        var seriesFile = Path.Combine(host.Settings["Storage:DataDirectory"], "series.db");
        await ExecuteAsync(seriesFile, "CREATE TRIGGER refuse BEFORE INSERT ON readings BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;");

        var sent = device.PublishAsync(
            DeviceTopic.Telemetry(DeviceKind.Footfall, asset.Id),
            string.Create(CultureInfo.InvariantCulture, $$"""{"seq":1,"ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"interval":60,"countIn":4,"countOut":1}"""));
        var failing = await Eventually.WaitAsync(() => host.HealthCheckAsync("time-series", TestContext.Current.CancellationToken), c => c.Status == "Degraded", TimeSpan.FromSeconds(30));
        Assert.Contains("cannot commit", failing.Description, StringComparison.Ordinal);
        Assert.Contains("refused for the test", failing.Description, StringComparison.Ordinal);

        await ExecuteAsync(seriesFile, "DROP TRIGGER refuse;");
        await Eventually.WaitAsync(() => host.HealthCheckAsync("time-series", TestContext.Current.CancellationToken), c => c.Status == "Healthy", TimeSpan.FromSeconds(30));
        await sent;
    }

    private static async Task ExecuteAsync(string databaseFile, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
