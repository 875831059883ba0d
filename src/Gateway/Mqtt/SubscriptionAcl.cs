using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Ingestion;

namespace UrbanTwin.Gateway.Mqtt;

/// <summary>
/// What a device may subscribe to: its own <c>errors</c> topic and its own commands
/// (<c>cmd/#</c>, <c>cmd/+</c> or one <c>cmd/{name}</c>). Nothing else, no wildcards above its own id.
/// </summary>
public static class SubscriptionAcl
{
    public static bool IsAllowed(DeviceRegistration device, string topicFilter)
    {
        var prefix = DeviceTopic.Prefix + device.Kind.ToSegment() + "/" + device.DeviceId + "/";
        if (!topicFilter.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topicFilter.AsSpan(prefix.Length);
        if (rest.SequenceEqual("errors") || rest.SequenceEqual("cmd/#") || rest.SequenceEqual("cmd/+"))
        {
            return true;
        }

        return rest.StartsWith("cmd/") && DeviceTopic.TryParse(topicFilter, out var parsed) && parsed.Type == Contracts.Topics.MessageType.Command;
    }
}
