using Microsoft.Extensions.DependencyInjection;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Gateway.Sessions;

namespace UrbanTwin.Gateway.Mosquitto;

/// <summary>
/// Ends a revoked device's sessions on mosquitto: the gateway forgets the device's registration at
/// once (its next message is looked up again and refused), and, where the node writes mosquitto's
/// auth files, they are written now and mosquitto is sent SIGHUP; mosquitto 2 disconnects on
/// reload every client whose password no longer matches the file.
/// </summary>
public sealed class MosquittoSessionControl(DeviceDirectory directory, IServiceProvider services) : IDeviceSessionControl
{
    public async Task EndSessionsAsync(string deviceId, CancellationToken cancellationToken)
    {
        directory.Forget(deviceId);
        if (services.GetService<MosquittoAuthExporter>() is { } exporter)
        {
            await exporter.ExportIfChangedAsync(cancellationToken);
        }
    }
}
