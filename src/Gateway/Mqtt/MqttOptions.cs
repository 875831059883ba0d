using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.Gateway.Mqtt;

/// <summary>The <c>Mqtt</c> configuration section: the embedded broker's listener.</summary>
public sealed class MqttOptions : IValidatableObject
{
    public const string Section = "Mqtt";

    /// <summary>Address the broker binds (<c>Mqtt:BindAddress</c>); loopback by default.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Plain MQTT port (<c>Mqtt:Port</c>).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>Whether plain (unencrypted) MQTT is served (<c>Mqtt:PlainTcp</c>); switch it off in production.</summary>
    public bool PlainTcp { get; set; } = true;

    /// <summary>MQTT over TLS port (<c>Mqtt:TlsPort</c>); 0 switches TLS off.</summary>
    [Range(0, 65535)]
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
    [Range(1, 1_000_000)]
    public int MaxPendingMessagesPerClient { get; set; } = 1000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!PlainTcp && TlsPort == 0)
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
