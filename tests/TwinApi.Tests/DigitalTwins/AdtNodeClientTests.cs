using System.Globalization;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;
using UrbanTwin.TwinApi.Tests.Access;
using UrbanTwin.TwinApi.Tests.OpenData;

namespace UrbanTwin.TwinApi.Tests.DigitalTwins;

/// <summary>
/// The real Azure Digital Twins client (npm <c>@azure/digital-twins-core</c> 1.1.0, pinned in
/// <c>tools/adt-client</c>) drives a host serving HTTPS with a self-signed certificate that Node
/// trusts through <c>NODE_EXTRA_CA_CERTS</c>, authenticated by an operator API key handed to it
/// by a stub credential: <c>tools/adt-client/check.js</c> uploads models, creates, patches, pages,
/// queries and deletes, and checks every answer as the service would give it.
/// </summary>
public sealed class AdtNodeClientTests
{
    private const string AdminKey = "adt-node-client-admin-key-3c9d2e7f";

    private static string Client => Path.Combine(RepositoryPaths.Root, "tools", "adt-client");

    [Fact]
    public async Task The_azure_digital_twins_npm_client_works_against_the_host_over_https()
    {
        Assert.True(Directory.Exists(Path.Combine(Client, "node_modules", "@azure", "digital-twins-core")), "run tools/adt-client/install.sh (tools/test.sh does)");
        var directory = Directory.CreateTempSubdirectory("urbantwin-adt-tls-").FullName;
        var certificate = TestCertificate.Create(directory);
        var httpsPort = FreePort.Next();
        await using var host = await TwinHost.StartAsync(new Dictionary<string, string>
        {
            ["Auth:AdminKey"] = AdminKey,
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()};https://127.0.0.1:{httpsPort}",
            ["Kestrel:Certificates:Default:Path"] = certificate.CertificatePath,
            ["Kestrel:Certificates:Default:KeyPath"] = certificate.KeyPath,
        });
        using var admin = host.CreateClient(AdminKey);
        var operatorKey = await ApiKeys.IssueAsync(admin, "operator", null, "integrator");

        var station = AssetBuilder.AirQuality().At(Places.BritishMuseum);
        var secret = await admin.RegisterAsync(station);
        var junction = AssetBuilder.BusPriority().At(Places.BritishMuseum);
        await MapQueries.RegisterAsync(admin, junction);
        await using (var device = await UrbanTwin.TestSupport.Mqtt.DeviceClient.ConnectAsync(host.MqttPort, station.Id, secret))
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            await device.PublishAsync(UrbanTwin.Contracts.Topics.DeviceTopic.Telemetry(station.Kind, station.Id), $$"""{"seq":1,"ts":{{now}},"no2":41.5}""");
        }

        await Eventually.WaitAsync(() => admin.AdtGetAsync($"/digitaltwins/{station.Id}"), a => a.Body.GetProperty("latest").TryGetProperty("no2", out _), TimeSpan.FromSeconds(20));
        var (exitCode, output, error) = await CommandLine.RunAsync("node", [Path.Combine(Client, "check.js")], TimeSpan.FromMinutes(3), new Dictionary<string, string>
        {
            ["NODE_PATH"] = Path.Combine(Client, "node_modules"),
            ["NODE_EXTRA_CA_CERTS"] = certificate.CertificatePath,
            ["ADT_URL"] = $"https://127.0.0.1:{httpsPort}",
            ["ADT_KEY"] = operatorKey.Key,
            ["ADT_STATION"] = station.Id,
            ["ADT_JUNCTION"] = junction.Id,
            ["NO_PROXY"] = "127.0.0.1,localhost",
            ["HTTPS_PROXY"] = "",
            ["https_proxy"] = "",
        });

        Assert.True(exitCode == 0, $"check.js failed ({exitCode}):\n{output}\n{error}");
        Assert.Contains("ok deletes", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", output, StringComparison.Ordinal);
    }
}
