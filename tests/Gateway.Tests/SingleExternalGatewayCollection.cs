namespace UrbanTwin.Gateway.Tests;

[CollectionDefinition(Name)]
public sealed class SingleExternalGatewayCollection : ICollectionFixture<SingleExternalGatewayFixture>
{
    public const string Name = "single gateway in front of mosquitto";
}
