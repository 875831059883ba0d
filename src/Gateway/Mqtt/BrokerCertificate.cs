using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace UrbanTwin.Gateway.Mqtt;

/// <summary>
/// The TLS listener's certificate: the configured PEM pair, or a self-signed one generated once
/// under the data directory (<c>mqtt-tls.crt.pem</c>, given to devices as their CA file, and
/// <c>mqtt-tls.key.pem</c>, readable by the owner only) and reused on every start.
/// </summary>
public static class BrokerCertificate
{
    public const string GeneratedCertificateFile = "mqtt-tls.crt.pem";
    public const string GeneratedKeyFile = "mqtt-tls.key.pem";

    public static X509Certificate2 LoadOrCreate(MqttOptions options, string dataDirectory)
    {
        if (options.CertificatePath is { Length: > 0 } certificatePath)
        {
            var keyPath = options.KeyPath is { Length: > 0 } key ? key : throw new InvalidOperationException("Mqtt:KeyPath is required with Mqtt:CertificatePath");
            return Usable(X509Certificate2.CreateFromPemFile(certificatePath, keyPath));
        }

        var certificateFile = Path.Combine(dataDirectory, GeneratedCertificateFile);
        var keyFile = Path.Combine(dataDirectory, GeneratedKeyFile);
        if (!File.Exists(certificateFile) || !File.Exists(keyFile))
        {
            Generate(options.BindAddress, certificateFile, keyFile);
        }

        return Usable(X509Certificate2.CreateFromPemFile(certificateFile, keyFile));
    }

    private static void Generate(string bindAddress, string certificateFile, string keyFile)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=UrbanTwin MQTT broker", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        if (IPAddress.TryParse(bindAddress, out var bound) && !IPAddress.Any.Equals(bound) && !IPAddress.Loopback.Equals(bound))
        {
            names.AddIpAddress(bound);
        }

        names.AddDnsName(Dns.GetHostName());
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(5));

        var keyPem = key.ExportPkcs8PrivateKeyPem();
        File.WriteAllText(keyFile, keyPem);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
    }

    /// <summary>A PEM-loaded key is ephemeral; a PKCS#12 round trip gives SslStream a key it can use everywhere.</summary>
    private static X509Certificate2 Usable(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
