using UrbanTwin.TestSupport;

namespace UrbanTwin.Gateway.Tests;

/// <summary>A single gateway with a plain subscription keeps every reading over a mosquitto restart.</summary>
[Collection(SingleExternalGatewayCollection.Name)]
public sealed class BrokerRestartTests(SingleExternalGatewayFixture fixture)
{
    [Fact]
    public async Task Mosquitto_restart_mid_stream_loses_no_reading_and_counts_none_twice()
    {
        var reconnected = false;
        var twin = await OutageScenario.RunAsync(fixture, "ff-oxford-st-01", async () =>
        {
            await fixture.Broker.RestartAsync();
            reconnected = await Eventually.WaitAsync(() => Task.FromResult(fixture.Gateway.IsConnected), c => c, TimeSpan.FromSeconds(30));
        });

        OutageScenario.AssertComplete(twin);
        Assert.True(reconnected);
        Assert.Equal("ut/v1/#", fixture.Gateway.SubscriptionFilter);
    }
}
