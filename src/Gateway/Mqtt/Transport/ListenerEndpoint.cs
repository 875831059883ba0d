using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace UrbanTwin.Gateway.Mqtt.Transport;

/// <summary>One address and port the broker listens on; with a certificate, MQTT over TLS.</summary>
public sealed record ListenerEndpoint(IPAddress Address, int Port, X509Certificate2? Certificate)
{
    public bool IsTls => Certificate is not null;
}
