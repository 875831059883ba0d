using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using UrbanTwin.Contracts;
using UrbanTwin.Gateway.Mqtt;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Node;

namespace UrbanTwin.Gateway.Tests;

/// <summary>MQTT over TLS with the self-signed pair generated under the data directory.</summary>
[Collection(GatewayCollection.Name)]
public sealed class TlsListenerTests(GatewayHostFixture fixture)
{
    [Fact]
    public async Task Mosquitto_pub_over_tls_with_the_generated_ca_file_reaches_the_twin()
    {
        var caFile = Path.Combine(fixture.DataDirectory, BrokerCertificate.GeneratedCertificateFile);
        var assetId = await fixture.ProvisionFreshTwinAsync("aq-westminster-01", DeviceKind.AirQuality);
        fixture.Clock.Now = DateTimeOffset.Parse("2019-05-07T09:00:05Z", CultureInfo.InvariantCulture);

        var sent = await CommandLine.RunAsync(
            "mosquitto_pub",
            ["-h", "127.0.0.1", "-p", fixture.MqttTlsPort.ToString(CultureInfo.InvariantCulture), "--cafile", caFile, "-V", "mqttv311", "-i", "aq-westminster-01:tls",
             "-u", "aq-westminster-01", "-P", fixture.SecretOf("aq-westminster-01"), "-q", "1",
             "-t", "ut/v1/air-quality/aq-westminster-01/telemetry", "-m", """{"seq":9,"ts":"2019-05-07T09:00:00Z","no2":28,"pm2_5":9}"""],
            TimeSpan.FromSeconds(15));

        Assert.True(sent.ExitCode == 0, "mosquitto_pub over TLS: " + sent.Error);
        var twin = await fixture.TwinAsync(assetId);
        Assert.Equal(1, twin.Accepted);
        Assert.Contains(twin.Latest, f => f.Field == "pm2_5" && f.Value == 9);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(fixture.DataDirectory, BrokerCertificate.GeneratedKeyFile)));
    }

    [Fact]
    public async Task Tls_client_that_does_not_trust_the_certificate_is_refused()
    {
        var otherCa = Path.Combine(fixture.DataDirectory, "not-the-ca.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=Some other CA", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var other = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllTextAsync(otherCa, other.ExportCertificatePem(), TestContext.Current.CancellationToken);
        }

        var sent = await CommandLine.RunAsync(
            "mosquitto_pub",
            ["-h", "127.0.0.1", "-p", fixture.MqttTlsPort.ToString(CultureInfo.InvariantCulture), "--cafile", otherCa,
             "-u", "aq-westminster-01", "-P", fixture.SecretOf("aq-westminster-01"), "-t", "ut/v1/air-quality/aq-westminster-01/telemetry", "-m", "{}"],
            TimeSpan.FromSeconds(15));

        Assert.NotEqual(0, sent.ExitCode);
    }
}
