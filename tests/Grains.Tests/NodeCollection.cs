using UrbanTwin.TestSupport.Node;

namespace UrbanTwin.Grains.Tests;

/// <summary>Grain tests that feed twins through a whole node, devices talking MQTT to its embedded broker.</summary>
[CollectionDefinition(Name)]
public sealed class NodeCollection : ICollectionFixture<GatewayHostFixture>
{
    public const string Name = "node";
}
