using System.Text;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Simulator.Generation;

/// <summary>
/// Turns a good reading or request into one of the <see cref="BadPayloadKind"/>s, each breaking
/// exactly one rule so the hub answers with exactly one error of the expected code.
/// </summary>
internal static class BadPayloads
{
    public static byte[] Reading(BadPayloadKind kind, DeviceKind deviceKind, MessageSchema schema, in Reading reading, TimestampStyle style)
    {
        var (unknown, asString, impossible, impossibleValue) = deviceKind switch
        {
            DeviceKind.AirQuality => ("pm25", "no2", "humidity", 140.0),
            DeviceKind.Footfall => ("personId", "countIn", "countIn", -4.0),
            _ => ("speed", "occupancy", "occupancy", 130.0),
        };
        return kind switch
        {
            BadPayloadKind.UnknownField => ContractEncoder.EncodeReading(schema, reading, style, new Tampering(Tampering.Breach.UnknownField, unknown, 12)),
            BadPayloadKind.NumberAsString => ContractEncoder.EncodeReading(schema, reading, style, new Tampering(Tampering.Breach.FieldAsString, asString)),
            BadPayloadKind.MissingSequence => ContractEncoder.EncodeReading(schema, reading, style, new Tampering(Tampering.Breach.OmitSequence)),
            BadPayloadKind.ImpossibleValue => ContractEncoder.EncodeReading(schema, reading, style, new Tampering(Tampering.Breach.FieldValue, impossible, impossibleValue)),
            _ => Malformed(kind, ContractEncoder.EncodeReading(schema, reading, style)),
        };
    }

    public static byte[] Request(BadPayloadKind kind, PriorityRequest request, TimestampStyle style) => kind switch
    {
        BadPayloadKind.UnknownField => ContractEncoder.EncodeRequest(request, style, new Tampering(Tampering.Breach.UnknownField, "driver", 7)),
        BadPayloadKind.NumberAsString => ContractEncoder.EncodeRequest(request, style, new Tampering(Tampering.Breach.FieldAsString, "etaSeconds")),
        BadPayloadKind.MissingSequence => ContractEncoder.EncodeRequest(request, style, new Tampering(Tampering.Breach.OmitSequence)),
        BadPayloadKind.ImpossibleValue => ContractEncoder.EncodeRequest(request, style, new Tampering(Tampering.Breach.FieldValue, "etaSeconds", 900)),
        _ => Malformed(kind, ContractEncoder.EncodeRequest(request, style)),
    };

    private static byte[] Malformed(BadPayloadKind kind, byte[] good)
    {
        var text = Encoding.UTF8.GetString(good);
        return Encoding.UTF8.GetBytes(kind switch
        {
            BadPayloadKind.Truncated => text[..(text.Length / 2)],
            BadPayloadKind.TrailingComma => text[..^1] + ",}",
            _ => text[..(text.LastIndexOf(':') + 1)] + "NaN}",
        });
    }
}
