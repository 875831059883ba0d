using UrbanTwin.TestSupport.Node;

namespace UrbanTwin.Gateway.Tests;

/// <summary>The embedded broker with its production error-reply limits (a burst of 20, then 2 a second).</summary>
public sealed class RateLimitedGatewayHostFixture : GatewayHostFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => BrokerSettings;
}
