using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Contracts.Decoding;

/// <summary>
/// Decodes one message object against its <see cref="MessageSchema"/>: a telemetry reading (alone
/// or in a backlog array), a priority request or a status. Each field is matched by its UTF-8 name
/// and read by <see cref="FieldValueReader"/>; the first problem in document order is the
/// reading's error, then missing fields, then the clock skew (<see cref="ClockSkewRule"/>). A valid
/// reading goes into the <see cref="DecodeResult"/> without an allocation. Thread-safe: all state
/// is per call.
/// </summary>
internal sealed class ReadingDecoder(ClockSkewRule clockSkew)
{
    /// <summary>The path of a reading in a backlog array: <c>$[3]</c>.</summary>
    public static string ElementPath(int index) => string.Create(CultureInfo.InvariantCulture, $"$[{index}]");

    /// <summary>
    /// Decodes the object the reader is on. <paramref name="index"/> is its place in a backlog array,
    /// or -1 for a single object; <paramref name="skippedUnchecked"/> is set when a value was skipped
    /// whose keys were not compared.
    /// </summary>
    [SkipLocalsInit]
    public void Decode(ref Utf8JsonReader reader, MessageSchema schema, int index, long receivedAtMs, DecodeResult result, ref bool skippedUnchecked)
    {
        var fields = schema.FieldArray;
        var seen = 0UL;
        var values = default(FieldValues);
        var present = 0;
        uint seq = 0;
        var hasSeq = false;
        long ts = 0;
        var hasTs = false;
        string?[]? texts = schema.TextSlotCount > 0 ? new string?[schema.TextSlotCount] : null;
        var error = default(PendingError);

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var fieldIndex = !reader.HasValueSequence && !reader.ValueIsEscaped
                ? schema.IndexOf(reader.ValueSpan)
                : IndexOfEscapedName(ref reader, schema);

            if (fieldIndex < 0)
            {
                // Only a reading's first problem is reported: the name is made into a string only then.
                if (!error.IsSet)
                {
                    var name = reader.GetString()!;
                    error.Set(ErrorCode.SchemaViolation, DeviceText.PathSegment(name), "unknown field " + DeviceText.Quote(name));
                }

                reader.Read();
                reader.Skip();
                skippedUnchecked = true;
                continue;
            }

            var bit = 1UL << fieldIndex;
            if ((seen & bit) != 0)
            {
                throw new JsonException("duplicate key " + DeviceText.Quote(fields[fieldIndex].Name));
            }

            seen |= bit;
            var field = fields[fieldIndex];
            reader.Read();
            if (error.IsSet && field.Type != FieldType.Sequence)
            {
                // After the first problem the rest of the reading is read for its syntax, its keys and
                // its seq only: no message is built that could not be sent.
                skippedUnchecked |= reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
                reader.Skip();
                continue;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                var what = reader.TokenType == JsonTokenType.StartObject ? "an object" : "an array";
                reader.Skip();
                skippedUnchecked = true;
                error.Set(ErrorCode.SchemaViolation, field.Name, field.Name + " must be " + FieldValueReader.ExpectedType(field) + ", not " + what);
                continue;
            }

            switch (field.Type)
            {
                case FieldType.Sequence:
                    hasSeq = FieldValueReader.ReadSequence(ref reader, field, ref error, out seq);
                    break;
                case FieldType.Timestamp:
                    hasTs = FieldValueReader.ReadTimestamp(ref reader, field, ref error, out ts);
                    break;
                case FieldType.Number:
                case FieldType.Integer:
                    if (FieldValueReader.ReadNumber(ref reader, field, ref error, out var value))
                    {
                        values[field.Slot] = value;
                        present |= 1 << field.Slot;
                    }

                    break;
                default:
                    if (FieldValueReader.ReadText(ref reader, field, ref error, out var text))
                    {
                        texts![field.Slot] = text;
                    }

                    break;
            }
        }

        if (!error.IsSet)
        {
            CheckComplete(schema, fields, seen, present, hasTs, ts, receivedAtMs, ref error);
        }

        if (error.IsSet)
        {
            var prefix = index < 0 ? "$" : ElementPath(index);
            var path = error.PathSegment is null ? prefix : error.PathSegment[0] == '[' ? prefix + error.PathSegment : prefix + "." + error.PathSegment;
            result.AddError(new ContractError(error.Code, path, hasSeq ? seq : null, error.Message!));
            return;
        }

        switch (schema.Shape)
        {
            case MessageShape.Telemetry:
                if (!result.TryAdd(new Reading(seq, ts, values, (byte)present)))
                {
                    throw new InvalidOperationException("DecodeResult holds fewer readings than DecoderOptions.MaxBatchReadings allows.");
                }

                break;
            case MessageShape.PriorityRequest:
                result.SetRequest(new PriorityRequest(
                    seq,
                    ts,
                    texts![BusPriorityField.VehicleText]!,
                    texts[BusPriorityField.RouteText]!,
                    ParseApproach(texts[BusPriorityField.ApproachText]!),
                    values[BusPriorityField.EtaSeconds],
                    values[BusPriorityField.LateSeconds]));
                break;
            default:
                result.SetStatus(new DeviceStatus(texts![0] == "online" ? DeviceState.Online : DeviceState.Offline, texts[1]));
                break;
        }
    }

    private void CheckComplete(MessageSchema schema, ContractField[] fields, ulong seen, int present, bool hasTs, long ts, long receivedAtMs, ref PendingError error)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].Required && (seen & (1UL << i)) == 0)
            {
                error.Set(ErrorCode.SchemaViolation, fields[i].Name, "missing required field " + DeviceText.Quote(fields[i].Name));
                return;
            }
        }

        if (schema.AtLeastOneOfMask != 0 && (present & schema.AtLeastOneOfMask) == 0)
        {
            error.Set(ErrorCode.SchemaViolation, null, "at least one measurement must have a number: " + DescribeMeasurements(schema));
            return;
        }

        if (hasTs)
        {
            clockSkew.Check(ts, receivedAtMs, ref error);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    [SkipLocalsInit]
    private static int IndexOfEscapedName(ref Utf8JsonReader reader, MessageSchema schema)
    {
        var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        Span<byte> buffer = stackalloc byte[256];
        if (rawLength > buffer.Length)
        {
            return -1;
        }

        var length = reader.CopyString(buffer);
        return schema.IndexOf(buffer[..length]);
    }

    private static Approach ParseApproach(string value) => value switch
    {
        "north" => Approach.North,
        "east" => Approach.East,
        "south" => Approach.South,
        _ => Approach.West,
    };

    private static string DescribeMeasurements(MessageSchema schema)
    {
        var names = new List<string>();
        foreach (var field in schema.Fields)
        {
            if (field.IsNumeric && (schema.AtLeastOneOfMask & (1 << field.Slot)) != 0)
            {
                names.Add(field.Name);
            }
        }

        return string.Join(", ", names);
    }
}
