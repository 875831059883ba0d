using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace UrbanTwin.TestSupport.Servers;

/// <summary>
/// A self-signed certificate for 127.0.0.1 and localhost, written as PEM files for a host to serve
/// (<c>Kestrel:Certificates:Default:Path</c> and <c>:KeyPath</c>) and a client to trust (Node's
/// <c>NODE_EXTRA_CA_CERTS</c>); it is its own CA.
/// </summary>
public sealed record TestCertificate(string CertificatePath, string KeyPath)
{
    public static TestCertificate Create(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=UrbanTwin test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var paths = new TestCertificate(Path.Combine(directory, "test-tls.crt.pem"), Path.Combine(directory, "test-tls.key.pem"));
        File.WriteAllText(paths.CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(paths.KeyPath, key.ExportPkcs8PrivateKeyPem());
        return paths;
    }
}
