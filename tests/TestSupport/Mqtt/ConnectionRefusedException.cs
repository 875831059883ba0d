using MQTTnet;

namespace UrbanTwin.TestSupport.Mqtt;

/// <summary>The broker answered CONNECT with a refusal (MQTT 5: with its reason string, if it gave one).</summary>
public sealed class ConnectionRefusedException(MqttClientConnectResultCode code, string? reason = null) : Exception($"connection refused: {code} {reason}")
{
    public MqttClientConnectResultCode Code { get; } = code;

    public string? Reason { get; } = reason;
}
