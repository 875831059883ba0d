using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Contracts.Decoding;

/// <summary>
/// Decodes a device payload against a <see cref="MessageSchema"/> in one forward pass with
/// <see cref="Utf8JsonReader"/>: no intermediate strings, no DOM, nothing allocated for a valid
/// telemetry reading. Implements the rules of <c>firmware-contracts/README.md</c>: size first,
/// then UTF-8 and JSON syntax (any syntax error rejects the whole message), then each reading on its
/// own, reporting the first problem in document order, missing fields after the object, clock skew
/// last. Text that is not Unicode (invalid UTF-8, an unpaired surrogate escape such as
/// <c>"\ud800"</c>) is malformed JSON wherever it is. Thread-safe: all state is per call.
/// </summary>
public sealed class PayloadDecoder
{
    // Nesting is bounded by the payload size (one byte per level), so the reader never refuses a
    // deep document itself: a nested value is a schema violation, reported at its field's path.
    private const int MaxDepth = 70_000;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private readonly DecoderOptions _options;
    private readonly long _futureToleranceMs;
    private readonly long _maxAgeMs;

    public PayloadDecoder(DecoderOptions? options = null)
    {
        _options = options ?? DecoderOptions.Default;
        _futureToleranceMs = (long)_options.FutureTolerance.TotalMilliseconds;
        _maxAgeMs = (long)_options.MaxAge.TotalMilliseconds;
    }

    public DecoderOptions Options => _options;

    /// <summary>
    /// Decodes <paramref name="payload"/> into <paramref name="result"/> (reset first).
    /// <paramref name="receivedAtMs"/> is the hub's clock (epoch ms) for the clock-skew rule.
    /// </summary>
    public void Decode(MessageSchema schema, in ReadOnlySequence<byte> payload, long receivedAtMs, DecodeResult result)
    {
        result.Reset();
        if (payload.Length > _options.MaxPayloadBytes)
        {
            result.AddError(new ContractError(
                ErrorCode.PayloadTooLarge,
                "$",
                null,
                string.Create(CultureInfo.InvariantCulture, $"payload is {payload.Length} bytes; the limit is {_options.MaxPayloadBytes}")));
            return;
        }

        if (FindTextProblem(payload) is { } problem)
        {
            result.AddError(new ContractError(ErrorCode.MalformedJson, "$", null, problem));
            return;
        }

        var reader = payload.IsSingleSegment
            ? new Utf8JsonReader(payload.FirstSpan, ReaderOptions)
            : new Utf8JsonReader(payload, ReaderOptions);
        var skippedUnchecked = false;
        try
        {
            if (!reader.Read())
            {
                result.AddError(new ContractError(ErrorCode.MalformedJson, "$", null, "payload is empty"));
                return;
            }

            DecodeTopLevel(ref reader, schema, receivedAtMs, result, ref skippedUnchecked);

            // Throws on anything but whitespace after the value.
            reader.Read();
        }
        catch (JsonException ex)
        {
            result.RejectWhole(new ContractError(ErrorCode.MalformedJson, "$", null, "payload is not valid JSON: " + DeviceText.Excerpt(ex.Message)));
            return;
        }

        // Keys inside unknown fields or nested values were skipped, not compared: check the whole
        // document for duplicate keys (rare, error path only).
        if (skippedUnchecked && FindDuplicateKey(payload) is { } duplicate)
        {
            result.RejectWhole(new ContractError(ErrorCode.MalformedJson, "$", null, "payload is not valid JSON: " + duplicate));
        }
    }

    private void DecodeTopLevel(ref Utf8JsonReader reader, MessageSchema schema, long receivedAtMs, DecodeResult result, ref bool skippedUnchecked)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                DecodeObject(ref reader, schema, -1, receivedAtMs, result, ref skippedUnchecked);
                return;

            case JsonTokenType.StartArray when schema.AllowsBatch:
                DecodeBatch(ref reader, schema, receivedAtMs, result, ref skippedUnchecked);
                return;

            case JsonTokenType.StartArray:
                skippedUnchecked = true;
                reader.Skip();
                result.RejectWhole(new ContractError(ErrorCode.SchemaViolation, "$", null, "payload must be a single JSON object, not an array"));
                return;

            default:
                result.RejectWhole(new ContractError(
                    ErrorCode.SchemaViolation,
                    "$",
                    null,
                    schema.AllowsBatch ? "payload must be a reading object or an array of readings" : "payload must be a JSON object"));
                return;
        }
    }

    private void DecodeBatch(ref Utf8JsonReader reader, MessageSchema schema, long receivedAtMs, DecodeResult result, ref bool skippedUnchecked)
    {
        var max = _options.MaxBatchReadings;
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count >= max)
            {
                // Keep reading so a syntax error still wins, but decode nothing more.
                skippedUnchecked |= reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
                reader.Skip();
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                DecodeObject(ref reader, schema, count, receivedAtMs, result, ref skippedUnchecked);
            }
            else
            {
                skippedUnchecked |= reader.TokenType == JsonTokenType.StartArray;
                reader.Skip();
                result.AddError(new ContractError(ErrorCode.SchemaViolation, ElementPath(count), null, "each reading in a backlog array must be a JSON object"));
            }

            count++;
        }

        if (count == 0)
        {
            result.RejectWhole(new ContractError(ErrorCode.SchemaViolation, "$", null, "a backlog array must hold at least one reading"));
        }
        else if (count > max)
        {
            result.RejectWhole(new ContractError(
                ErrorCode.SchemaViolation,
                "$",
                null,
                string.Create(CultureInfo.InvariantCulture, $"a backlog array holds at most {max} readings; this one has {count}")));
        }
    }

    [SkipLocalsInit]
    private void DecodeObject(ref Utf8JsonReader reader, MessageSchema schema, int index, long receivedAtMs, DecodeResult result, ref bool skippedUnchecked)
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
                error.Set(ErrorCode.SchemaViolation, field.Name, field.Name + " must be " + ExpectedType(field) + ", not " + what);
                continue;
            }

            switch (field.Type)
            {
                case FieldType.Sequence:
                    hasSeq = ReadSequence(ref reader, field, ref error, out seq);
                    break;
                case FieldType.Timestamp:
                    hasTs = ReadTimestamp(ref reader, field, ref error, out ts);
                    break;
                case FieldType.Number:
                case FieldType.Integer:
                    if (ReadNumber(ref reader, field, ref error, out var value))
                    {
                        values[field.Slot] = value;
                        present |= 1 << field.Slot;
                    }

                    break;
                default:
                    if (ReadText(ref reader, field, ref error, out var text))
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
            if (ts > receivedAtMs + _futureToleranceMs)
            {
                error.Set(
                    ErrorCode.ClockSkew,
                    "ts",
                    string.Create(CultureInfo.InvariantCulture, $"ts is {(ts - receivedAtMs) / 1000.0:0.###} s ahead of the hub's clock; the limit is {_futureToleranceMs / 1000} s"));
            }
            else if (ts < receivedAtMs - _maxAgeMs)
            {
                error.Set(
                    ErrorCode.ClockSkew,
                    "ts",
                    string.Create(CultureInfo.InvariantCulture, $"ts is {(receivedAtMs - ts) / 86_400_000.0:0.##} days old; the hub accepts readings up to {_options.MaxAge.TotalDays:0.##} days old"));
            }
        }
    }

    private static bool ReadSequence(ref Utf8JsonReader reader, ContractField field, ref PendingError error, out uint seq)
    {
        seq = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            error.Set(ErrorCode.SchemaViolation, field.Name, "seq must be " + field.DescribeRange());
            return false;
        }

        if (JsonNumbers.TryGetUInt32(ref reader, out seq))
        {
            return true;
        }

        if (!TryReadIntegral(ref reader, field, ref error, out var value))
        {
            return false;
        }

        seq = (uint)value;
        return true;
    }

    private static bool ReadTimestamp(ref Utf8JsonReader reader, ContractField field, ref PendingError error, out long ts)
    {
        ts = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (TryParseTimestampString(ref reader, out ts))
                {
                    return true;
                }

                error.Set(ErrorCode.SchemaViolation, field.Name, "ts must be an RFC 3339 UTC timestamp such as 2019-05-07T09:00:00Z, or integer epoch milliseconds");
                return false;

            case JsonTokenType.Number:
                if (JsonNumbers.TryGetInt64(ref reader, out ts))
                {
                    if (ts >= 0 && ts <= (long)field.Max)
                    {
                        return true;
                    }

                    error.Set(ErrorCode.OutOfRange, field.Name, "ts in epoch milliseconds must be " + field.DescribeRange());
                    return false;
                }

                if (!TryReadIntegral(ref reader, field, ref error, out var value))
                {
                    return false;
                }

                ts = (long)value;
                return true;

            default:
                error.Set(ErrorCode.SchemaViolation, field.Name, "ts must be an RFC 3339 UTC timestamp string or integer epoch milliseconds");
                return false;
        }
    }

    [SkipLocalsInit]
    private static bool TryParseTimestampString(ref Utf8JsonReader reader, out long ts)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return Rfc3339Timestamp.TryParseUtcMilliseconds(reader.ValueSpan, out ts);
        }

        // Escaped or split text: unescape into a small buffer; anything longer cannot be valid.
        ts = 0;
        var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        Span<byte> buffer = stackalloc byte[256];
        if (rawLength > buffer.Length)
        {
            return false;
        }

        var length = reader.CopyString(buffer);
        return Rfc3339Timestamp.TryParseUtcMilliseconds(buffer[..length], out ts);
    }

    private static bool ReadNumber(ref Utf8JsonReader reader, ContractField field, ref PendingError error, out double value)
    {
        value = 0;
        if (reader.TokenType == JsonTokenType.Null)
        {
            if (!field.Nullable)
            {
                error.Set(ErrorCode.SchemaViolation, field.Name, field.Name + " must be " + ExpectedType(field) + ", not null");
            }

            return false;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            error.Set(ErrorCode.SchemaViolation, field.Name, field.Name + " must be " + ExpectedType(field) + ", not " + TokenName(reader.TokenType));
            return false;
        }

        if (!JsonNumbers.TryGetDouble(ref reader, out value) || !double.IsFinite(value))
        {
            error.Set(ErrorCode.OutOfRange, field.Name, field.Name + " must be " + field.DescribeRange());
            return false;
        }

        if (field.Type == FieldType.Integer && value != Math.Floor(value))
        {
            error.Set(ErrorCode.SchemaViolation, field.Name, field.Name + " must be an integer");
            return false;
        }

        if (value < field.Min || value > field.Max)
        {
            error.Set(ErrorCode.OutOfRange, field.Name, field.Name + " must be " + field.DescribeRange());
            return false;
        }

        return true;
    }

    /// <summary>The slow path for integer fields written with a fraction or exponent (5.0, 5e0).</summary>
    private static bool TryReadIntegral(ref Utf8JsonReader reader, ContractField field, ref PendingError error, out double value)
    {
        if (!JsonNumbers.TryGetDouble(ref reader, out value) || !double.IsFinite(value))
        {
            error.Set(ErrorCode.OutOfRange, field.Name, field.Name + " must be " + field.DescribeRange());
            return false;
        }

        if (value != Math.Floor(value))
        {
            error.Set(ErrorCode.SchemaViolation, field.Name, field.Name + " must be an integer");
            return false;
        }

        if (value < field.Min || value > field.Max)
        {
            error.Set(ErrorCode.OutOfRange, field.Name, field.Name + " must be " + field.DescribeRange());
            return false;
        }

        return true;
    }

    private static bool ReadText(ref Utf8JsonReader reader, ContractField field, ref PendingError error, out string? text)
    {
        text = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            error.Set(ErrorCode.SchemaViolation, field.Name, field.Name + " must be a string, not " + TokenName(reader.TokenType));
            return false;
        }

        var rule = field.TextRule!;
        var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        var value = rawLength <= rule.MaxLength * 6 ? reader.GetString()! : null;
        if (value is null || !rule.IsSatisfiedBy(value))
        {
            error.Set(ErrorCode.SchemaViolation, field.Name, field.Name + " must be " + rule.Describe());
            return false;
        }

        text = value;
        return true;
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

    /// <summary>
    /// Why the payload is not Unicode text, or null: invalid UTF-8, or an escape that is half a
    /// surrogate pair. Checked before the reader runs, so no string the decoder unescapes later (a
    /// field name, ts, a text value, an unknown field's name, the duplicate-key check) can fail.
    /// </summary>
    private static string? FindTextProblem(in ReadOnlySequence<byte> payload) => OnContiguous(payload, FindTextProblem);

    private static string? FindDuplicateKey(in ReadOnlySequence<byte> payload) =>
        OnContiguous(payload, static json => DuplicateKeys.Find(json, ReaderOptions));

    /// <summary>
    /// Runs a check that needs the payload in one piece (a character, an escape or a key may
    /// straddle segments): a multi-segment payload is copied to a pooled buffer, at most 64 KiB.
    /// </summary>
    private static string? OnContiguous(in ReadOnlySequence<byte> payload, ContiguousCheck check)
    {
        if (payload.IsSingleSegment)
        {
            return check(payload.FirstSpan);
        }

        var length = (int)payload.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(buffer);
            return check(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? FindTextProblem(ReadOnlySpan<byte> payload)
    {
        if (!Utf8.IsValid(payload))
        {
            return "payload is not valid UTF-8";
        }

        var unpaired = SurrogateEscapes.IndexOfUnpaired(payload);
        if (unpaired < 0)
        {
            return null;
        }

        var escape = Encoding.ASCII.GetString(payload.Slice(unpaired, SurrogateEscapes.EscapeLength));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"payload is not valid JSON: {escape} at byte {unpaired} is half of a UTF-16 surrogate pair without the other half");
    }

    private static string ElementPath(int index) => string.Create(CultureInfo.InvariantCulture, $"$[{index}]");

    private static string ExpectedType(ContractField field) => field.Type switch
    {
        FieldType.Integer or FieldType.Sequence => field.Nullable ? "an integer or null" : "an integer",
        FieldType.Text => "a string",
        FieldType.Timestamp => "a timestamp",
        _ => field.Nullable ? "a number or null" : "a number",
    };

    private static string TokenName(JsonTokenType type) => type switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "a " + type.ToString().ToLowerInvariant(),
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

    private delegate string? ContiguousCheck(ReadOnlySpan<byte> json);

    /// <summary>The first problem found in a reading; later ones are ignored.</summary>
    private struct PendingError
    {
        public ErrorCode Code;
        public string? PathSegment;
        public string? Message;

        public readonly bool IsSet => Message is not null;

        public void Set(ErrorCode code, string? pathSegment, string message)
        {
            if (Message is null)
            {
                Code = code;
                PathSegment = pathSegment;
                Message = message;
            }
        }
    }
}
