using System.Buffers;
using UrbanTwin.Contracts.Decoding;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Simulator.Fleet;
using UrbanTwin.Simulator.Generation;
using UrbanTwin.TestSupport.Contract;

namespace UrbanTwin.Simulator.Tests;

/// <summary>Judges generated messages as the hub does (the gateway's validator and the contract's decoder) and by the contract's JSON Schemas.</summary>
internal static class ContractCheck
{
    private static readonly DeviceMessageValidator Validator = new(new PayloadDecoder());

    /// <summary>The hub's verdict on a message from <paramref name="device"/>, received right when it was taken.</summary>
    public static DecodeResult Decode(SimulatedDevice device, string topic, byte[] payload, long receivedAtMs)
    {
        var result = new DecodeResult();
        var registration = new DeviceRegistration(device.DeviceId, device.AssetId, device.Kind, true);
        Validator.Validate(topic, device.DeviceId, registration, new ReadOnlySequence<byte>(payload), receivedAtMs, result);
        return result;
    }

    public static DecodeResult Decode(SimulatedDevice device, GeneratedMessage message) => Decode(device, message.Topic, message.Payload, message.TimestampMs);

    /// <summary>The JSON Schema errors of a payload on a topic (none: valid).</summary>
    public static IReadOnlyCollection<string> SchemaErrors(string topic, byte[] payload)
    {
        Assert.True(DeviceTopic.TryParse(topic, out var parsed), topic);
        var schema = UrbanTwin.Contracts.Fields.ContractSchemas.For(parsed.Kind, parsed.Type)!;
        return [.. SchemaFiles.Validate(schema.SchemaFile, payload).Select(e => e.ToString())];
    }

    public static string Text(byte[] payload) => System.Text.Encoding.UTF8.GetString(payload);
}
