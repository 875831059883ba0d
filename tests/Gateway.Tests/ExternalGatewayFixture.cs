using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using UrbanTwin.Contracts;
using UrbanTwin.Gateway.Mosquitto;
using UrbanTwin.Gateway.Mqtt;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Node;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Gateway.Tests;

/// <summary>
/// The gateway in external mode in front of a real mosquitto: the host starts first (the
/// gateway keeps retrying the broker), devices are provisioned, the gateway writes mosquitto's
/// password and ACL files from the registry, and mosquitto starts with them, with persistence on.
/// </summary>
public class ExternalGatewayFixture : NodeFixture
{
    public const string GatewayUser = "urbantwin-gateway";

    public string GatewayPassword { get; } = DeviceSecrets.NewSecret();

    public string GatewayClientId { get; } = "urbantwin-gateway-tests";

    public MosquittoServer Broker { get; private set; } = null!;

    public int BrokerPort { get; } = FreePort.Next();

    public string AuthDirectory => Path.Combine(DataDirectory, "mosquitto");

    public ExternalBrokerClient Gateway => Host.Services.GetRequiredService<ExternalBrokerClient>();

    public MosquittoAuthExporter Exporter => Host.Services.GetRequiredService<MosquittoAuthExporter>();

    /// <summary>The shared subscription group; empty: a single gateway with a plain subscription.</summary>
    protected virtual string SharedGroup => "urbantwin";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mqtt:Mode"] = "external",
        ["Mqtt:Host"] = "127.0.0.1",
        ["Mqtt:Port"] = BrokerPort.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:Username"] = GatewayUser,
        ["Mqtt:Password"] = GatewayPassword,
        ["Mqtt:ClientId"] = GatewayClientId,
        ["Mqtt:SharedGroup"] = SharedGroup,
        ["Mqtt:ReconnectMaxDelay"] = "00:00:01",
        ["Mqtt:AuthFilesDirectory"] = "mosquitto",
        ["Mqtt:BrokerPidFile"] = Path.Combine(DataDirectory, "mosquitto", "mosquitto.pid"),
        ["Ingestion:ErrorReplyBurst"] = "100000",
    };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var (id, kind) in new[] { ("aq-westminster-01", DeviceKind.AirQuality), ("aq-camden-02", DeviceKind.AirQuality), ("ff-oxford-st-01", DeviceKind.Footfall), ("bp-junction-0042", DeviceKind.BusPriority) })
        {
            await ProvisionFreshTwinAsync(id, kind);
        }

        await Exporter.ExportIfChangedAsync(TestContext.Current.CancellationToken);
        Broker = await MosquittoServer.StartAsync(
            [
                "allow_anonymous false",
                "password_file " + Path.Combine(AuthDirectory, "passwd"),
                "acl_file " + Path.Combine(AuthDirectory, "acl"),
                "pid_file " + Path.Combine(AuthDirectory, "mosquitto.pid"),
                "persistence true",
                "persistence_location {dir}/",
                "max_queued_messages 100000",
            ],
            BrokerPort);
        await Eventually.WaitAsync(() => Task.FromResult(Gateway.IsConnected), connected => connected, TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Connects as the device once mosquitto is up and knows its current secret: the registry
    /// change is exported and mosquitto signalled to reload, which it does asynchronously.
    /// </summary>
    public async Task<DeviceClient> ConnectDeviceAsync(string deviceId)
    {
        await Exporter.ExportIfChangedAsync(TestContext.Current.CancellationToken);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                return await DeviceClient.ConnectAsync(BrokerPort, deviceId, SecretOf(deviceId));
            }
            catch (Exception ex) when (ex is ConnectionRefusedException or MQTTnet.Exceptions.MqttCommunicationException && !cts.IsCancellationRequested)
            {
                await Task.Delay(50, cts.Token);
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }
    }
}
