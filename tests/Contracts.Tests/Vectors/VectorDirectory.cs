using System.Text.Json;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.TestSupport.Contract;

namespace UrbanTwin.Contracts.Tests.Vectors;

/// <summary>The device registry the vectors assume, read from <c>vectors/devices.json</c>.</summary>
public sealed class VectorDirectory
{
    private readonly Dictionary<string, DeviceRegistration> _devices;

    private VectorDirectory(Dictionary<string, DeviceRegistration> devices) => _devices = devices;

    public static VectorDirectory Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(ContractVector.VectorsRoot, "devices.json")));
        var devices = new Dictionary<string, DeviceRegistration>(StringComparer.Ordinal);
        foreach (var device in document.RootElement.GetProperty("devices").EnumerateArray())
        {
            var id = device.GetProperty("id").GetString()!;
            if (!DeviceKinds.TryParse(device.GetProperty("kind").GetString(), out var kind))
            {
                throw new InvalidDataException("devices.json: unknown kind for " + id);
            }

            devices.Add(id, new DeviceRegistration(id, "asset-" + id, kind, device.GetProperty("state").GetString() == "active"));
        }

        return new VectorDirectory(devices);
    }

    public IReadOnlyDictionary<string, DeviceRegistration> Devices => _devices;

    public DeviceRegistration? Find(string deviceId) => _devices.GetValueOrDefault(deviceId);
}
