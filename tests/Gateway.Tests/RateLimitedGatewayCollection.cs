namespace UrbanTwin.Gateway.Tests;

[CollectionDefinition(Name)]
public sealed class RateLimitedGatewayCollection : ICollectionFixture<RateLimitedGatewayHostFixture>
{
    public const string Name = "gateway with production limits";
}
