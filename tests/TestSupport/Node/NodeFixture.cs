using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using UrbanTwin.Contracts;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TestSupport.Node;

/// <summary>
/// A node in this process, built with the same front doors as the host (<c>AddUrbanTwinSilo</c>,
/// <c>AddUrbanTwinGateway</c>) on free loopback ports and a temporary data directory, so tests
/// can drive the ingestion clock, provision devices and read twins directly while devices talk
/// real MQTT to it.
/// </summary>
public abstract class NodeFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);

    public IHost Host { get; private set; } = null!;

    /// <summary>The node's data directory (deleted on dispose).</summary>
    public string DataDirectory { get; } = ServerProcess.CreateDirectory("node-data");

    /// <summary>The gateway's clock; tests set it to when their readings are received.</summary>
    public SettableClock Clock { get; } = new(DateTimeOffset.Parse("2019-05-07T09:00:30Z", CultureInfo.InvariantCulture));

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public DeviceProvisioner Provisioner => Host.Services.GetRequiredService<DeviceProvisioner>();

    /// <summary>Configuration on top of the ports and data directory.</summary>
    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    public virtual async ValueTask InitializeAsync() => Host = await InProcessNode.StartAsync(DataDirectory, Settings, Clock);

    /// <summary>Gives the device a new, empty twin and a new secret; returns the asset id.</summary>
    public async Task<string> ProvisionFreshTwinAsync(string deviceId, DeviceKind kind)
    {
        var assetId = "asset-" + Guid.NewGuid().ToString("N");
        _secrets[deviceId] = await Provisioner.ProvisionAsync(deviceId, assetId, kind);

        // A gateway caches registrations for a while, and remembers recent readings per device:
        // the fresh twin must see the device's readings at once, as new.
        Host.Services.GetService<DeviceDirectory>()?.Forget(deviceId);
        Host.Services.GetRequiredService<DuplicateFilter>().Forget(deviceId);
        return assetId;
    }

    public string SecretOf(string deviceId) => _secrets[deviceId];

    public Task<TwinSnapshot> TwinAsync(string assetId) => Grains.GetGrain<IAssetTwinGrain>(assetId).GetSnapshotAsync();

    public virtual async ValueTask DisposeAsync()
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
