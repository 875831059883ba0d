using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Simulator.Tests.Hosting;

/// <summary>A small simulated city (two devices of each kind), reporting very fast.</summary>
public sealed class SimulatedCityFixture() : SimulatedCityHost(AdminKey, Devices, speedUp: 100)
{
    public const string AdminKey = "test-admin-key-6d1e9b3f5a7c2e4d8f0b";
    public const int Devices = 6;
}
