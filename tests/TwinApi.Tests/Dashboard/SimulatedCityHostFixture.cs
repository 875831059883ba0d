using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.Dashboard;

/// <summary>The simulated city shared by the dashboard's browser tests: enough assets to cluster.</summary>
public sealed class SimulatedCityHostFixture() : SimulatedCityHost(AdminKey, Devices, speedUp: 20)
{
    public const string AdminKey = "dashboard-admin-key-4e7a1c9b3d5f2a8c";
    public const int Devices = 45;
}

[CollectionDefinition(Name)]
public sealed class SimulatedCityDefinition : ICollectionFixture<SimulatedCityHostFixture>
{
    public const string Name = "simulated city";
}
