namespace UrbanTwin.Simulator.Tests.Hosting;

[CollectionDefinition(Name)]
public sealed class SimulatedCityCollection : ICollectionFixture<SimulatedCityFixture>
{
    public const string Name = "simulated city";
}
