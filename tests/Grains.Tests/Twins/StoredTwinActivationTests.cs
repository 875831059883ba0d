using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans;
using Orleans.Storage;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.Hosting;
using UrbanTwin.Grains.Twins;
using UrbanTwin.TestSupport.Servers;
using static UrbanTwin.Grains.Tests.Twins.StoredTwinStates;
using static UrbanTwin.Grains.Tests.Twins.TestReadings;

namespace UrbanTwin.Grains.Tests.Twins;

/// <summary>
/// Twins whose states an earlier release stored activate from them on a node of this release and
/// go on as that release did: the same snapshot, the same journal position, and the same index
/// after the next reading (the expected values are what that release answered).
/// </summary>
public sealed class StoredTwinActivationTests : IAsyncLifetime
{
    private const string Station = "legacy-aq-1";
    private const string Junction = "legacy-junction-1";

    private readonly string _directory = ServerProcess.CreateDirectory("stored-twins");
    private IHost _host = null!;

    private IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public async ValueTask InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Storage:DataDirectory"] = _directory,
            ["Twins:AirQualityInterval"] = "1.00:00:00",
            ["Twins:BusPriorityInterval"] = "1.00:00:00",
        });
        builder.Services.AddSingleton(new TwinClock(new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(StoredAtMs))));
        builder.AddUrbanTwinSilo();
        _host = builder.Build();
        await _host.StartAsync(TestContext.Current.CancellationToken);

        // Grain storage opens its database (and makes its table) when first asked for.
        _host.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);
        Store(Station, AirQualityStation2026);
        Store(Junction, Junction2026);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_stored_station_shows_what_it_showed_when_it_was_stored()
    {
        var twin = await Grains.GetGrain<IAssetTwinGrain>(Station).GetSnapshotAsync();

        Assert.Equal((AssetStatus.Alert, true, Hour(36) + 60_000, "2.4.1"), (twin.Status, twin.Online, twin.LastSeenMs, twin.Firmware));
        Assert.Equal((70L, 1L, 2L), (twin.Accepted, twin.Duplicates, twin.Rejected));
        Assert.Equal(
            [
                new FieldValue("pm2_5", 12.350000000000001, Hour(35) + (40 * 60_000)),
                new FieldValue("pm10", 74.8, Hour(35) + (10 * 60_000)),
                new FieldValue("no2", 450, Hour(35) + (10 * 60_000)),
                new FieldValue("o3", 115.25, Hour(35) + (10 * 60_000)),
                new FieldValue("temperature", 7.5, Hour(35) + (10 * 60_000)),
            ],
            twin.Latest);
        var alert = Assert.Single(twin.Alerts);
        Assert.Equal(($"{Station}:AirQualityHigh:{StoredAtMs}", AlertKind.AirQualityHigh, AlertSeverity.Warning, "air quality index 7 (High), set by No2", "E09000007"), (alert.AlertId, alert.Kind, alert.Severity, alert.Reason, alert.AreaId));
        Assert.Equal(new AirQualityStatus(Hour(35), 7, "High", "No2", 1, 4, 7, 3), twin.AirQuality);
        Assert.Equal(("Camden Road", "E09000007"), (twin.Registration?.Name, twin.Registration?.AreaId));
    }

    [Fact]
    public async Task A_stored_station_scores_its_next_readings_as_the_release_that_stored_it_did()
    {
        var twin = Grains.GetGrain<IAssetTwinGrain>(Station);
        var next = new TelemetryBatch(
            "legacy-device-1",
            DeviceKind.AirQuality,
            Hour(36) + (11 * 60_000),
            [
                AReading(201, Hour(36) + (10 * 60_000), (AirQualityField.Pm25, 12.6), (AirQualityField.Pm10, 70.1), (AirQualityField.No2, 90), (AirQualityField.O3, 101.5)),
                AReading(202, Hour(22) + (15 * 60_000), (AirQualityField.Pm25, 19.75)),
            ],
            0,
            0,
            new JournalPosition("node-a", 38));

        await twin.IngestAsync(next);
        var snapshot = await twin.GetSnapshotAsync();

        Assert.Equal(new AirQualityStatus(Hour(36), 4, "Moderate", "Pm10", 1, 4, 2, 3), snapshot.AirQuality);
        Assert.Empty(snapshot.Alerts);
        Assert.Equal((AssetStatus.Ok, 72L), (snapshot.Status, snapshot.Accepted));
    }

    [Fact]
    public async Task A_stored_station_knows_the_journal_entries_it_applied()
    {
        var twin = Grains.GetGrain<IAssetTwinGrain>(Station);

        var stored = await twin.PersistThroughAsync("node-a");
        var replayed = await twin.IngestAsync(new TelemetryBatch("legacy-device-1", DeviceKind.AirQuality, StoredAtMs, [AReading(200, Hour(36), (AirQualityField.Pm25, 900))], 0, 0, new JournalPosition("node-a", 37)));

        Assert.Equal(37, stored);
        Assert.Equal(0, replayed.Accepted);
        Assert.Equal(70, (await twin.GetSnapshotAsync()).Accepted);
    }

    [Fact]
    public async Task A_stored_junction_shows_its_decisions()
    {
        var junction = await Grains.GetGrain<IAssetTwinGrain>(Junction).GetSnapshotAsync();

        var priority = Assert.IsType<BusPriorityStatus>(junction.BusPriority);
        Assert.Equal((2L, 0L, 2L), (priority.Requests, priority.Granted, priority.Denied));
        Assert.Equal([2u, 1u], priority.RecentDecisions.Select(d => d.RequestSeq));
        Assert.Equal(["38"], priority.Routes.Keys);
        Assert.Empty(junction.Alerts);
    }

    /// <summary>
    /// Grain storage in Redis writes states with Orleans' default storage serializer, JSON by
    /// property name (this document is what it wrote for the station, less what does not matter here).
    /// </summary>
    [Fact]
    public void A_state_stored_as_json_by_an_earlier_release_keeps_its_journal_positions_and_alerts()
    {
        const string Stored = """
            {
              "$id": "1",
              "$type": "UrbanTwin.Grains.Twins.AssetTwinState, UrbanTwin.Grains",
              "DeviceId": "legacy-device-1",
              "Kind": 1,
              "ActiveAlerts": {
                "$type": "System.Collections.Generic.List`1[[UrbanTwin.Grains.Abstractions.Alerts.Alert, UrbanTwin.Grains.Abstractions]], System.Private.CoreLib",
                "$values": [
                  {
                    "$id": "2",
                    "$type": "UrbanTwin.Grains.Abstractions.Alerts.Alert, UrbanTwin.Grains.Abstractions",
                    "AlertId": "legacy-aq-1:AirQualityHigh:1795262700000",
                    "AssetId": "legacy-aq-1",
                    "AssetKind": 1,
                    "Kind": 2,
                    "Severity": 2,
                    "RaisedAt": "2026-11-21T12:05:00+00:00",
                    "Reason": "air quality index 7 (High), set by No2",
                    "AreaId": "E09000007",
                    "IsActive": true
                  }
                ]
              },
              "Pollutants": {
                "$id": "3",
                "$type": "System.Collections.Generic.Dictionary`2[[UrbanTwin.Grains.AirQuality.DaqiPollutant, UrbanTwin.Grains],[UrbanTwin.Grains.AirQuality.HourlyMeans, UrbanTwin.Grains]], System.Private.CoreLib",
                "No2": {
                  "$id": "4",
                  "$type": "UrbanTwin.Grains.AirQuality.HourlyMeans, UrbanTwin.Grains",
                  "NewestHourStartMs": 1795258800000
                }
              },
              "RecentDecisions": {
                "$type": "System.Collections.Generic.List`1[[UrbanTwin.Grains.Abstractions.BusPriority.PriorityDecision, UrbanTwin.Grains.Abstractions]], System.Private.CoreLib",
                "$values": []
              },
              "AppliedLsn": {
                "$id": "5",
                "$type": "System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.Int64, System.Private.CoreLib]], System.Private.CoreLib",
                "node-a": 37
              }
            }
            """;
        var json = _host.Services.GetRequiredService<IGrainStorageSerializer>();
        Assert.IsType<JsonGrainStorageSerializer>(json);

        var twin = json.Deserialize<AssetTwinState>(BinaryData.FromString(Stored))!;
        twin.Upgrade();
        var again = json.Deserialize<AssetTwinState>(json.Serialize(twin))!;
        again.Upgrade();

        Assert.Equal(new JournalMark("node-a", 37), Assert.Single(twin.AppliedJournals!));
        Assert.Equal(twin.AppliedJournals, again.AppliedJournals);
        Assert.Equal(AlertKind.AirQualityHigh, Assert.Single(again.ActiveAlerts!).Kind);
        Assert.Null(again.RecentDecisions);
    }

    /// <summary>Puts a stored payload in the node's grain storage, as the earlier release left it, before the twin first activates.</summary>
    private void Store(string assetId, byte[] payload)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "urbantwin.db")};Pooling=False");
        connection.Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO grain_state (state_name, grain_id, etag, payload, updated_at) VALUES ($state, $grain, 1, $payload, $at)";
        insert.Parameters.AddWithValue("$state", AssetTwinGrain.StateName);
        insert.Parameters.AddWithValue("$grain", Grains.GetGrain<IAssetTwinGrain>(assetId).GetGrainId().ToString());
        insert.Parameters.AddWithValue("$payload", payload);
        insert.Parameters.AddWithValue("$at", DateTimeOffset.FromUnixTimeMilliseconds(StoredAtMs).ToString("O", CultureInfo.InvariantCulture));
        insert.ExecuteNonQuery();
    }
}
