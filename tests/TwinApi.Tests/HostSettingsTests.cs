using System.Net;

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
}
