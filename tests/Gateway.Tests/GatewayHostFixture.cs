using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using UrbanTwin.Contracts;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.Hosting;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Gateway.Tests;

/// <summary>
/// A silo with the gateway and its embedded broker, in this process (so the tests can drive the
/// ingestion clock and read twins directly), listening for real MQTT on a free loopback port.
/// The devices of the contract's <c>vectors/devices.json</c> are provisioned; decommissioned ones
/// are decommissioned.
/// </summary>
public class GatewayHostFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);

    public IHost Host { get; private set; } = null!;

    public int MqttPort { get; } = FreePort.Next();

    public int MqttTlsPort { get; } = FreePort.Next();

    /// <summary>The node's data directory (a temporary one, deleted on dispose).</summary>
    public string DataDirectory { get; } = ServerProcess.CreateDirectory("gateway-data");

    /// <summary>The gateway's clock; tests set it to a vector's <c>receivedAt</c>.</summary>
    public SettableClock Clock { get; } = new(DateTimeOffset.Parse("2019-05-07T09:00:30Z", CultureInfo.InvariantCulture));

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public DeviceProvisioner Provisioner => Host.Services.GetRequiredService<DeviceProvisioner>();

    public IReadOnlyDictionary<string, (DeviceKind Kind, bool Active)> Devices { get; private set; } = null!;

    /// <summary>Extra configuration. By default error replies are not rate-limited, so every vector's replies arrive.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Ingestion:ErrorReplyBurst"] = "100000",
    };

    public async ValueTask InitializeAsync()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Mqtt:Port"] = MqttPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:TlsPort"] = MqttTlsPort.ToString(CultureInfo.InvariantCulture),
            ["Storage:DataDirectory"] = DataDirectory,
        });
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.AddUrbanTwinSilo();
        builder.AddUrbanTwinGateway();
        builder.Services.AddSingleton(new IngestionClock(Clock));
        Host = builder.Build();
        await Host.StartAsync();

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.FirmwareContracts, "vectors", "devices.json")));
        var devices = new Dictionary<string, (DeviceKind, bool)>(StringComparer.Ordinal);
        foreach (var device in document.RootElement.GetProperty("devices").EnumerateArray())
        {
            var id = device.GetProperty("id").GetString()!;
            Assert.True(DeviceKinds.TryParse(device.GetProperty("kind").GetString(), out var kind));
            var active = device.GetProperty("state").GetString() == "active";
            devices[id] = (kind, active);
            await ProvisionFreshTwinAsync(id, kind);
            if (!active)
            {
                await Provisioner.DecommissionAsync(id);
            }
        }

        Devices = devices;
    }

    /// <summary>Gives the device a new, empty twin and a new secret; returns the asset id.</summary>
    public async Task<string> ProvisionFreshTwinAsync(string deviceId, DeviceKind kind)
    {
        var assetId = "asset-" + Guid.NewGuid().ToString("N");
        _secrets[deviceId] = await Provisioner.ProvisionAsync(deviceId, assetId, kind);
        return assetId;
    }

    public string SecretOf(string deviceId) => _secrets[deviceId];

    public Task<TwinSnapshot> TwinAsync(string assetId) => Grains.GetGrain<IAssetTwinGrain>(assetId).GetSnapshotAsync();

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.StopAsync();
            Host.Dispose();
        }

        Directory.Delete(DataDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
