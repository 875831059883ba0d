using UrbanTwin.Simulator.Fleet;

namespace UrbanTwin.Simulator.Provisioning;

/// <summary>
/// Registers planned devices through the product's own fleet service and gets their secrets:
/// new assets are registered, assets that already exist (a restart) get a new secret, since a
/// secret is shown only once. Two ways: in the host itself, or over the HTTP API (<see cref="HttpFleetProvisioner"/>).
/// </summary>
public interface IFleetProvisioner
{
    Task<ProvisionedFleet> ProvisionAsync(IReadOnlyList<SimulatedDevice> devices, CancellationToken cancellationToken);
}
