using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.Gateway.Mqtt;

/// <summary>The <c>Mqtt</c> configuration section: the embedded broker's listener.</summary>
public sealed class MqttOptions
{
    public const string Section = "Mqtt";

    /// <summary>Address the broker binds (<c>Mqtt:BindAddress</c>); loopback by default.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Plain MQTT port (<c>Mqtt:Port</c>).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>
    /// Messages queued per connected device (errors, commands) before the oldest is dropped
    /// (<c>Mqtt:MaxPendingMessagesPerClient</c>); a device that never reads cannot grow the hub's memory.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxPendingMessagesPerClient { get; set; } = 1000;
}
