using MQTTnet;
using MQTTnet.Formatter;
using UrbanTwin.TestSupport;

namespace UrbanTwin.Gateway.Tests;

/// <summary>Gateways sharing a subscription keep every reading when one loses its connection.</summary>
[Collection(ExternalGatewayCollection.Name)]
public sealed class GatewayConnectionLossTests(ExternalGatewayFixture fixture)
{
    [Fact]
    public async Task Gateway_connection_taken_over_mid_stream_loses_no_reading_of_the_shared_subscription()
    {
        var connectionsBefore = fixture.Gateway.Connections;
        var twin = await OutageScenario.RunAsync(fixture, "ff-oxford-st-01", async () =>
        {
            // Another client takes the gateway's session (the broker drops the gateway), receives
            // whatever is in flight without acknowledging it, and leaves: the gateway reconnects to
            // its session and gets those messages again.
            using var thief = new MqttClientFactory().CreateMqttClient();
            thief.ApplicationMessageReceivedAsync += e =>
            {
                e.AutoAcknowledge = false;
                return Task.CompletedTask;
            };
            await thief.ConnectAsync(
                new MqttClientOptionsBuilder()
                    .WithTcpServer("127.0.0.1", fixture.BrokerPort)
                    .WithCredentials(ExternalGatewayFixture.GatewayUser, fixture.GatewayPassword)
                    .WithClientId(fixture.GatewayClientId)
                    .WithProtocolVersion(MqttProtocolVersion.V500)
                    .WithCleanStart(false)
                    .WithSessionExpiryInterval(7 * 24 * 3600)
                    .Build(),
                TestContext.Current.CancellationToken);
            await thief.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), TestContext.Current.CancellationToken);
        });

        OutageScenario.AssertComplete(twin);
        Assert.True(fixture.Gateway.Connections > connectionsBefore, "the gateway was never disconnected; nothing was tested");
        Assert.StartsWith("$share/", fixture.Gateway.SubscriptionFilter, StringComparison.Ordinal);
    }
}
