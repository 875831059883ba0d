using System.Globalization;
using System.Net;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.Security;

/// <summary>The broker listens on exactly the address configured: never on every interface, IPv4 or IPv6.</summary>
[Collection(HostileHostDefinition.Name)]
public sealed class ListenerBindingTests(HostileHostFixture fixture)
{
    [Fact]
    public void By_default_both_mqtt_ports_listen_on_ipv4_loopback_only()
    {
        var tlsPort = int.Parse(fixture.Host.Settings["Mqtt:TlsPort"], CultureInfo.InvariantCulture);

        Assert.Equal([IPAddress.Loopback], ListeningSockets.On(fixture.MqttPort));
        Assert.Equal([IPAddress.Loopback], ListeningSockets.On(tlsPort));
    }

    [Fact]
    public async Task An_ipv6_bind_address_listens_there_only_and_devices_connect_to_it()
    {
        await using var host = await TwinHost.StartAsync(new Dictionary<string, string>
        {
            ["Auth:AdminKey"] = HostileHostFixture.AdminKey,
            ["Mqtt:BindAddress"] = "::1",
        });
        var tlsPort = int.Parse(host.Settings["Mqtt:TlsPort"], CultureInfo.InvariantCulture);
        var asset = AssetBuilder.AirQuality();
        using var admin = host.CreateClient(HostileHostFixture.AdminKey);
        var secret = (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created).GetProperty("device").GetProperty("secret").GetString()!;

        Assert.Equal([IPAddress.IPv6Loopback], ListeningSockets.On(host.MqttPort));
        Assert.Equal([IPAddress.IPv6Loopback], ListeningSockets.On(tlsPort));
        await using var raw = await RawMqttConnection.OpenAsync(host.MqttPort, "::1");
        await raw.SendAsync(RawMqttConnection.Connect311(asset.Id, asset.Id, secret));
        Assert.Equal(new byte[] { 0x20, 2, 0, 0 }, await raw.ReadPacketAsync(TimeSpan.FromSeconds(10)));
    }
}
