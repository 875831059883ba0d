using System.Net;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>The host reads the appsettings.json beside its assembly, whatever directory it is started from.</summary>
[Collection(HostDefinition.Name)]
public sealed class HostSettingsTests(HostFixture fixture)
{
    [Fact]
    public async Task Started_from_another_directory_the_host_applies_its_shipped_log_levels()
    {
        // The test host runs in its own temporary directory, not beside the assembly. Registering
        // and reading an asset activates grains; Orleans' placement (through Polly) would log
        // two Information lines per activation without the shipped "Polly": "Warning".
        using var admin = fixture.Admin();
        var asset = AssetBuilder.Footfall();
        (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created);
        (await admin.GetJsonAsync($"/api/assets/{asset.Id}/twin")).AssertOk();

        var log = fixture.Host.ReadWholeLog();

        Assert.Contains("info: Microsoft.Hosting.Lifetime", log, StringComparison.Ordinal);
        Assert.DoesNotContain("info: Polly", log, StringComparison.Ordinal);
        Assert.DoesNotContain("info: Orleans", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_connecting_writes_no_line_at_the_shipped_log_levels()
    {
        using var admin = fixture.Admin();
        await using var device = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality());

        // A refused connection after the device's: the broker logs the refusal (a Warning) after
        // the device's connection, through the same ordered console queue, so once the refusal is
        // in the log a line for the device's connection would be there too.
        var stranger = "stranger-" + Guid.NewGuid().ToString("N");
        await using (var raw = await RawMqttConnection.OpenAsync(fixture.Host.MqttPort))
        {
            await raw.SendAsync(RawMqttConnection.Connect311(stranger, stranger, "wrong"));
            await raw.ReadPacketAsync(TimeSpan.FromSeconds(10));
        }

        var log = await Eventually.WaitAsync(() => Task.FromResult(fixture.Host.ReadWholeLog()), l => l.Contains("Connection refused for " + stranger, StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        Assert.DoesNotContain($"Device {device.Id} connected", log, StringComparison.Ordinal);
    }
}
