namespace UrbanTwin.Gateway.Mqtt;

/// <summary>Which broker devices talk to.</summary>
public enum BrokerMode
{
    /// <summary>An MQTTnet broker inside the host (single node).</summary>
    Embedded = 0,

    /// <summary>mosquitto (or another MQTT 5 broker); gateways share the load through a shared subscription.</summary>
    External = 1,
}
