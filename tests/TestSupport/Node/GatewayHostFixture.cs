using System.Globalization;
using System.Text.Json;
using UrbanTwin.Contracts;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TestSupport.Node;

/// <summary>
/// A node with the embedded broker on free plain and TLS ports. The devices of the contract's
/// <c>vectors/devices.json</c> are provisioned; decommissioned ones are decommissioned.
/// </summary>
public class GatewayHostFixture : NodeFixture
{
    public int MqttPort { get; } = FreePort.Next();

    public int MqttTlsPort { get; } = FreePort.Next();

    public IReadOnlyDictionary<string, (DeviceKind Kind, bool Active)> Devices { get; private set; } = null!;

    /// <summary>By default error replies are not rate-limited, so every vector's replies arrive.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(BrokerSettings)
    {
        ["Ingestion:ErrorReplyBurst"] = "100000",
    };

    protected IReadOnlyDictionary<string, string?> BrokerSettings => new Dictionary<string, string?>
    {
        ["Mqtt:Port"] = MqttPort.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:TlsPort"] = MqttTlsPort.ToString(CultureInfo.InvariantCulture),
    };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.FirmwareContracts, "vectors", "devices.json")));
        var devices = new Dictionary<string, (DeviceKind, bool)>(StringComparer.Ordinal);
        foreach (var device in document.RootElement.GetProperty("devices").EnumerateArray())
        {
            var id = device.GetProperty("id").GetString()!;
            if (!DeviceKinds.TryParse(device.GetProperty("kind").GetString(), out var kind))
            {
                throw new InvalidDataException("vectors/devices.json: device " + id + " has an unknown kind");
            }

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
}
