namespace UrbanTwin.Gateway.Ingestion;

/// <summary>How a device published a message, where the contract sets rules on it.</summary>
/// <param name="Retained">The retain flag: allowed on the device's own <c>status</c> topic only.</param>
/// <param name="ExactlyOnce">QoS 2, which the contract does not offer (<c>unsupported-qos</c>).</param>
public readonly record struct PublishFlags(bool Retained, bool ExactlyOnce);
