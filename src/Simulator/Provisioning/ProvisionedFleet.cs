namespace UrbanTwin.Simulator.Provisioning;

/// <summary>
/// The devices ready to connect, and what provisioning did: assets newly registered, assets
/// already there whose device got a fresh secret, and planned devices left out (their asset was
/// decommissioned, or its id is taken by something else).
/// </summary>
public sealed record ProvisionedFleet(IReadOnlyList<ProvisionedDevice> Devices, int Registered, int Renewed, int Skipped);
