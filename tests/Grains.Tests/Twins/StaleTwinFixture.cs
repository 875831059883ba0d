using UrbanTwin.TestSupport.Node;

namespace UrbanTwin.Grains.Tests.Twins;

/// <summary>The embedded broker with twins checking for staleness five times a second.</summary>
public sealed class StaleTwinFixture : GatewayHostFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(BrokerSettings)
    {
        ["Twins:StaleCheckPeriod"] = "00:00:00.2",
    };
}
