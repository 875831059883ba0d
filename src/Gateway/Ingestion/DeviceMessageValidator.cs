using System.Buffers;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Decoding;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Topics;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>
/// Admits one device → hub message: the topic must be one the authenticated device may publish on
/// (its own id, its own kind, a device → hub message type), the device must be registered and
/// active, and the payload must decode under the contract. Topic checks come before the payload is
/// looked at, as the contract promises firmware developers.
/// </summary>
public sealed class DeviceMessageValidator(PayloadDecoder decoder)
{
    /// <summary>
    /// Validates and decodes; on return <paramref name="result"/> holds the accepted content and
    /// one error per rejection. <paramref name="publisher"/> is the authenticated device id (the
    /// MQTT username) and <paramref name="registration"/> its registration, null when it has none;
    /// <paramref name="receivedAtMs"/> is the hub's clock in epoch milliseconds; <paramref name="flags"/>
    /// how it was published (QoS 2 and a retain flag off the status topic are refused after the topic checks).
    /// </summary>
    public void Validate(string topic, string publisher, DeviceRegistration? registration, in ReadOnlySequence<byte> payload, long receivedAtMs, DecodeResult result, PublishFlags flags = default)
    {
        if (!DeviceTopic.TryParse(topic, out var parsed))
        {
            Reject(result, ErrorCode.UnauthorizedTopic, "topic is not a contract v1 device topic (ut/v1/{kind}/{deviceId}/{telemetry|request|status})");
            return;
        }

        Validate(parsed, publisher, registration, payload, receivedAtMs, result, flags);
    }

    /// <summary><see cref="Validate(string, string, DeviceRegistration?, in ReadOnlySequence{byte}, long, DecodeResult, PublishFlags)"/> for a topic the broker already parsed.</summary>
    public void Validate(in DeviceTopic parsed, string publisher, DeviceRegistration? registration, in ReadOnlySequence<byte> payload, long receivedAtMs, DecodeResult result, PublishFlags flags = default)
    {
        if (parsed.Type is MessageType.Errors or MessageType.Command)
        {
            Reject(result, ErrorCode.UnauthorizedTopic, "errors and cmd topics are hub → device; a device may only subscribe to them");
            return;
        }

        if (!parsed.DeviceIdSpan.SequenceEqual(publisher))
        {
            Reject(result, ErrorCode.UnauthorizedTopic, "a device may publish only under its own id");
            return;
        }

        if (registration is not { IsActive: true })
        {
            Reject(result, ErrorCode.UnknownDevice, "device is not registered or has been decommissioned");
            return;
        }

        if (registration.Kind != parsed.Kind)
        {
            Reject(result, ErrorCode.WrongKind, "device is registered as " + registration.Kind.ToSegment() + ", not " + parsed.Kind.ToSegment());
            return;
        }

        var schema = ContractSchemas.For(parsed.Kind, parsed.Type);
        if (schema is null)
        {
            Reject(result, ErrorCode.UnauthorizedTopic, parsed.Kind.ToSegment() + " devices have no " + parsed.Type.ToString().ToLowerInvariant() + " topic");
            return;
        }

        if (flags.ExactlyOnce)
        {
            Reject(result, ErrorCode.UnsupportedQos, "QoS 2 is not supported: publish at QoS 1 (duplicates are dropped by seq and ts)");
            return;
        }

        if (flags.Retained && parsed.Type != MessageType.Status)
        {
            Reject(result, ErrorCode.UnauthorizedTopic, "only the status topic may be retained");
            return;
        }

        decoder.Decode(schema, payload, receivedAtMs, result);
    }

    private static void Reject(DecodeResult result, ErrorCode code, string message) =>
        result.RejectWhole(new ContractError(code, "$", null, message));
}
