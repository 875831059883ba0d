namespace UrbanTwin.Gateway.Tests;

[CollectionDefinition(Name)]
public sealed class ExternalGatewayCollection : ICollectionFixture<ExternalGatewayFixture>
{
    public const string Name = "gateway in front of mosquitto";
}
