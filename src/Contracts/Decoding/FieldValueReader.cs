using System.Runtime.CompilerServices;
using System.Text.Json;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Fields;

namespace UrbanTwin.Contracts.Decoding;

/// <summary>
/// Reads one field's value, the reader on its token, by the field's contract type: <c>seq</c>,
/// <c>ts</c> (RFC 3339 text or epoch milliseconds), a number or integer within its range, a text
/// by its rule. A value that breaks the contract sets the reading's <see cref="PendingError"/> with
/// the field's path and the contract's code, and nothing is allocated unless it does (or the value
/// is text the reading keeps).
/// </summary>
internal static class FieldValueReader
{
    public static bool ReadSequence(ref Utf8JsonReader reader, ContractField field, ref PendingError error, out uint seq)
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

    public static bool ReadTimestamp(ref Utf8JsonReader reader, ContractField field, ref PendingError error, out long ts)
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

    public static bool ReadNumber(ref Utf8JsonReader reader, ContractField field, ref PendingError error, out double value)
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

        return TryReadInRange(ref reader, field, field.Type == FieldType.Integer, ref error, out value);
    }

    public static bool ReadText(ref Utf8JsonReader reader, ContractField field, ref PendingError error, out string? text)
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

    /// <summary>What the field's value must be, for a message: "an integer", "a number or null", ….</summary>
    public static string ExpectedType(ContractField field) => field.Type switch
    {
        FieldType.Integer or FieldType.Sequence => field.Nullable ? "an integer or null" : "an integer",
        FieldType.Text => "a string",
        FieldType.Timestamp => "a timestamp",
        _ => field.Nullable ? "a number or null" : "a number",
    };

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

    /// <summary>The slow path for integer fields written with a fraction or exponent (5.0, 5e0).</summary>
    private static bool TryReadIntegral(ref Utf8JsonReader reader, ContractField field, ref PendingError error, out double value) =>
        TryReadInRange(ref reader, field, integral: true, ref error, out value);

    /// <summary>The number token as a finite double, whole if <paramref name="integral"/>, within the field's range.</summary>
    private static bool TryReadInRange(ref Utf8JsonReader reader, ContractField field, bool integral, ref PendingError error, out double value)
    {
        if (!JsonNumbers.TryGetDouble(ref reader, out value) || !double.IsFinite(value))
        {
            error.Set(ErrorCode.OutOfRange, field.Name, field.Name + " must be " + field.DescribeRange());
            return false;
        }

        if (integral && value != Math.Floor(value))
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

    private static string TokenName(JsonTokenType type) => type switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "a " + type.ToString().ToLowerInvariant(),
    };
}
