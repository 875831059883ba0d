using UrbanTwin.TestSupport.Node;

namespace UrbanTwin.Grains.Tests.Twins;

/// <summary>
/// Twins whose periodic check is an hour apart, on a clock running in real time, with stations
/// expected every second (stale after three): only a check at each twin's own deadline can
/// notice a silent station within the tests' patience.
/// </summary>
public sealed class DeadlineTwinFixture : GatewayHostFixture
{
    public DeadlineTwinFixture() => Clock.Run();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(BrokerSettings)
    {
        ["Twins:StaleCheckPeriod"] = "01:00:00",
        ["Twins:AirQualityInterval"] = "00:00:01",
    };
}
