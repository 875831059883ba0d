using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.Gateway.Mqtt;

/// <summary>The <c>Mqtt</c> configuration section: the embedded broker's listener.</summary>
public sealed class MqttOptions : IValidatableObject
{
    public const string Section = "Mqtt";

    /// <summary>
    /// <c>embedded</c> (the default: an MQTTnet broker in this process) or <c>external</c> (a client
    /// of mosquitto at <see cref="Host"/>:<see cref="Port"/>) (<c>Mqtt:Mode</c>).
    /// </summary>
    public BrokerMode Mode { get; set; } = BrokerMode.Embedded;

    /// <summary>External mode: the broker's host (<c>Mqtt:Host</c>).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>External mode: the gateway's own user on the broker (<c>Mqtt:Username</c>).</summary>
    public string Username { get; set; } = "urbantwin-gateway";

    /// <summary>External mode: the gateway's password on the broker (<c>Mqtt:Password</c>); never logged.</summary>
    public string? Password { get; set; }

    /// <summary>External mode: this gateway's client id; persistent, so keep it stable per gateway (<c>Mqtt:ClientId</c>).</summary>
    public string ClientId { get; set; } = "urbantwin-gateway-" + Environment.MachineName.ToLowerInvariant();

    /// <summary>
    /// External mode: the shared subscription group gateways split the load in (<c>Mqtt:SharedGroup</c>);
    /// empty for a single gateway with a plain subscription, which also survives a broker restart.
    /// </summary>
    public string SharedGroup { get; set; } = "urbantwin";

    /// <summary>External mode: longest wait between reconnect attempts (<c>Mqtt:ReconnectMaxDelay</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Mqtt:ReconnectMaxDelay must be between {1} and {2}.")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>External mode: messages handled at once; one device's messages stay in order (<c>Mqtt:Concurrency</c>).</summary>
    [Range(1, 1024, ErrorMessage = "Mqtt:Concurrency must be between {1} and {2}.")]
    public int Concurrency { get; set; } = 16;

    /// <summary>
    /// External mode: where to keep mosquitto's <c>passwd</c> and <c>acl</c> files, regenerated from the
    /// registry whenever it changes (<c>Mqtt:AuthFilesDirectory</c>, relative to the data directory);
    /// unset: not written.
    /// </summary>
    public string? AuthFilesDirectory { get; set; }

    /// <summary>
    /// External mode: mosquitto's <c>pid_file</c>; when set, mosquitto is sent SIGHUP after the auth
    /// files change so it reloads them (<c>Mqtt:BrokerPidFile</c>).
    /// </summary>
    public string? BrokerPidFile { get; set; }

    /// <summary>The one address the broker binds, IPv4 or IPv6 (<c>Mqtt:BindAddress</c>); loopback by default.</summary>
    [Required(ErrorMessage = "Mqtt:BindAddress must not be empty.")]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Plain MQTT port (<c>Mqtt:Port</c>): the embedded broker's, or the external broker's.</summary>
    [Range(1, 65535, ErrorMessage = "Mqtt:Port must be between {1} and {2}.")]
    public int Port { get; set; } = 1883;

    /// <summary>Whether plain (unencrypted) MQTT is served (<c>Mqtt:PlainTcp</c>); switch it off in production.</summary>
    public bool PlainTcp { get; set; } = true;

    /// <summary>MQTT over TLS port (<c>Mqtt:TlsPort</c>); 0 switches TLS off.</summary>
    [Range(0, 65535, ErrorMessage = "Mqtt:TlsPort must be between {1} and {2}.")]
    public int TlsPort { get; set; } = 8883;

    /// <summary>
    /// PEM certificate for the TLS listener (<c>Mqtt:CertificatePath</c>). When it and
    /// <see cref="KeyPath"/> are unset, a self-signed pair is generated once under the data directory.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="CertificatePath"/> (<c>Mqtt:KeyPath</c>).</summary>
    public string? KeyPath { get; set; }

    /// <summary>
    /// Messages queued per connected device (errors, commands) before the oldest is dropped
    /// (<c>Mqtt:MaxPendingMessagesPerClient</c>); a device that never reads cannot grow the hub's memory.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Mqtt:MaxPendingMessagesPerClient must be between {1} and {2}.")]
    public int MaxPendingMessagesPerClient { get; set; } = 1000;

    /// <summary>
    /// Connections accepted that have not yet authenticated, at most (<c>Mqtt:MaxPendingConnections</c>);
    /// beyond it a new connection is closed at once.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Mqtt:MaxPendingConnections must be between {1} and {2}.")]
    public int MaxPendingConnections { get; set; } = 1000;

    /// <summary>
    /// How long a new connection has to finish its TLS handshake and CONNECT before it is closed
    /// (<c>Mqtt:ConnectTimeout</c>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Mqtt:ConnectTimeout must be between {1} and {2}.")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode == BrokerMode.External && string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Mqtt:Password is required in external mode.", [nameof(Password)]);
        }

        if (Mode == BrokerMode.Embedded && !PlainTcp && TlsPort == 0)
        {
            yield return new ValidationResult("Mqtt:PlainTcp is off and Mqtt:TlsPort is 0: the broker would have no listener.", [nameof(PlainTcp), nameof(TlsPort)]);
        }

        if (!System.Net.IPAddress.TryParse(BindAddress, out _))
        {
            yield return new ValidationResult($"Mqtt:BindAddress '{BindAddress}' is not an IP address.", [nameof(BindAddress)]);
        }

        if (string.IsNullOrEmpty(CertificatePath) != string.IsNullOrEmpty(KeyPath))
        {
            yield return new ValidationResult("Mqtt:CertificatePath and Mqtt:KeyPath go together.", [nameof(CertificatePath), nameof(KeyPath)]);
        }
    }
}
