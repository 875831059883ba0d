namespace UrbanTwin.Gateway.Ingestion;

/// <summary>What became of a device's message, for brokers that can say so in the acknowledgement (MQTT 5 reason codes).</summary>
public enum PublishOutcome
{
    /// <summary>Something in it was accepted (readings, duplicates of accepted ones, a status or a request); rejected parts were answered on the errors topic.</summary>
    Accepted,

    /// <summary>Refused whole because of who sent it where: a foreign or hub → device topic, an unknown or decommissioned device, the wrong kind, a retained message off the status topic.</summary>
    NotAuthorized,

    /// <summary>Refused whole because of its content: nothing in it could be accepted.</summary>
    PayloadInvalid,

    /// <summary>Refused because it was published at QoS 2.</summary>
    UnsupportedQos,
}
