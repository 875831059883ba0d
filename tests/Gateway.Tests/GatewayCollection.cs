using UrbanTwin.TestSupport.Node;

namespace UrbanTwin.Gateway.Tests;

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayHostFixture>
{
    public const string Name = "gateway";
}
