using System.Buffers;
using System.Globalization;
using System.Text.Json;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Simulator.Generation;

/// <summary>
/// Writes contract v1 payloads as a device's firmware would, field names and order taken from the
/// contract's catalogue (<see cref="ContractSchemas"/>): every numeric field of a reading is sent,
/// <c>null</c> where a nullable channel has no value; integers as integers; compact JSON.
/// Backlogs are split into arrays of at most 500 readings and 64 KiB, oldest first.
/// </summary>
public static class ContractEncoder
{
    public const int MaxPayloadBytes = 64 * 1024;
    public const int MaxBacklogReadings = 500;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    public static byte[] EncodeReading(MessageSchema schema, in Reading reading, TimestampStyle style) =>
        EncodeReading(schema, reading, style, Tampering.None);

    public static byte[] EncodeRequest(PriorityRequest request, TimestampStyle style) => EncodeRequest(request, style, Tampering.None);

    public static byte[] EncodeStatus(DeviceStatus status)
    {
        var (buffer, writer) = Start();
        try
        {
            writer.WriteStartObject();
            writer.WriteString("state", status.State == DeviceState.Online ? "online" : "offline");
            if (status.Firmware is { } firmware)
            {
                writer.WriteString("firmware", firmware);
            }

            writer.WriteEndObject();
        }
        finally
        {
            writer.Flush();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Readings kept while offline as backlog payloads: arrays in order, each within the contract's limits.</summary>
    public static IReadOnlyList<byte[]> EncodeBacklog(MessageSchema schema, IReadOnlyList<Reading> readings, TimestampStyle style)
    {
        var payloads = new List<byte[]>();
        var batch = new ArrayBufferWriter<byte>();
        var count = 0;
        foreach (var reading in readings)
        {
            var item = EncodeReading(schema, reading, style);
            // '[' + items joined by ',' + ']'
            if (count > 0 && (count == MaxBacklogReadings || batch.WrittenCount + 1 + item.Length + 1 > MaxPayloadBytes))
            {
                payloads.Add(Close(batch));
                batch = new ArrayBufferWriter<byte>();
                count = 0;
            }

            batch.Write(count == 0 ? "["u8 : ","u8);
            batch.Write(item);
            count++;
        }

        if (count > 0)
        {
            payloads.Add(Close(batch));
        }

        return payloads;
    }

    internal static byte[] EncodeReading(MessageSchema schema, in Reading reading, TimestampStyle style, Tampering tampering) =>
        EncodeObject(schema, reading.Seq, reading.TimestampMs, reading, null, style, tampering);

    internal static byte[] EncodeRequest(PriorityRequest request, TimestampStyle style, Tampering tampering) =>
        EncodeObject(ContractSchemas.BusPriorityRequest, request.Seq, request.TimestampMs, default, request, style, tampering);

    /// <summary>One message object in the schema's field order: numbers from the reading, or text and numbers from the request.</summary>
    private static byte[] EncodeObject(MessageSchema schema, uint seq, long utcMs, in Reading reading, PriorityRequest? request, TimestampStyle style, Tampering tampering)
    {
        var (buffer, writer) = Start();
        try
        {
            writer.WriteStartObject();
            foreach (var field in schema.Fields)
            {
                switch (field.Type)
                {
                    case FieldType.Sequence when tampering.Kind != Tampering.Breach.OmitSequence:
                        writer.WriteNumber(field.Name, seq);
                        break;
                    case FieldType.Timestamp:
                        WriteTimestamp(writer, field.Name, utcMs, style);
                        break;
                    case FieldType.Text when request is not null:
                        writer.WriteString(field.Name, field.Slot switch
                        {
                            BusPriorityField.VehicleText => request.Vehicle,
                            BusPriorityField.RouteText => request.Route,
                            _ => request.Approach.ToString().ToLowerInvariant(),
                        });
                        break;
                    case FieldType.Number or FieldType.Integer when request is not null:
                        WriteNumber(writer, field, field.Slot == BusPriorityField.EtaSeconds ? request.EtaSeconds : request.LateSeconds, tampering);
                        break;
                    case FieldType.Number or FieldType.Integer:
                        var present = reading.TryGet(field.Slot, out var value);
                        if (present || field.Nullable)
                        {
                            WriteNumber(writer, field, present ? value : null, tampering);
                        }

                        break;
                }
            }

            if (tampering.Kind == Tampering.Breach.UnknownField)
            {
                writer.WriteNumber(tampering.Field, tampering.Value);
            }

            writer.WriteEndObject();
        }
        finally
        {
            writer.Flush();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNumber(Utf8JsonWriter writer, ContractField field, double? value, Tampering tampering)
    {
        if (tampering.Field == field.Name)
        {
            if (tampering.Kind == Tampering.Breach.FieldAsString)
            {
                writer.WriteString(field.Name, (value ?? 0).ToString(CultureInfo.InvariantCulture));
                return;
            }

            if (tampering.Kind == Tampering.Breach.FieldValue)
            {
                value = tampering.Value;
            }
        }

        if (value is not { } number)
        {
            writer.WriteNull(field.Name);
        }
        else if (field.Type == FieldType.Integer && number == Math.Floor(number))
        {
            writer.WriteNumber(field.Name, (long)number);
        }
        else
        {
            writer.WriteNumber(field.Name, number);
        }
    }

    private static void WriteTimestamp(Utf8JsonWriter writer, string name, long utcMs, TimestampStyle style)
    {
        if (style == TimestampStyle.Rfc3339)
        {
            writer.WriteString(name, DateTimeOffset.FromUnixTimeMilliseconds(utcMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNumber(name, utcMs);
        }
    }

    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer) Start()
    {
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var writer = _threadWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        return (buffer, writer);
    }

    private static byte[] Close(ArrayBufferWriter<byte> batch)
    {
        batch.Write("]"u8);
        return batch.WrittenSpan.ToArray();
    }
}
