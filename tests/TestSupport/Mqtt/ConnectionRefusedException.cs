using MQTTnet;

namespace UrbanTwin.TestSupport.Mqtt;

/// <summary>The broker answered CONNECT with a refusal.</summary>
public sealed class ConnectionRefusedException(MqttClientConnectResultCode code) : Exception($"connection refused: {code}")
{
    public MqttClientConnectResultCode Code { get; } = code;
}
