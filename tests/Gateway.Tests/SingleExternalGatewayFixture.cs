namespace UrbanTwin.Gateway.Tests;

/// <summary>One gateway in front of mosquitto with a plain (not shared) subscription.</summary>
public sealed class SingleExternalGatewayFixture : ExternalGatewayFixture
{
    protected override string SharedGroup => "";
}
