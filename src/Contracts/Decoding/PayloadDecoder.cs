using System.Buffers;
using System.Globalization;
using System.Text.Json;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Fields;

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
/// <remarks>
/// This class reads the message's outline (one object, or a backlog array of them); each object is
/// decoded by <see cref="ReadingDecoder"/>, and the checks that need the whole payload at once are
/// <see cref="WholePayloadChecks"/>.
/// </remarks>
public sealed class PayloadDecoder
{
    // Nesting is bounded by the payload size (one byte per level), so the reader never refuses a
    // deep document itself: a nested value is a schema violation, reported at its field's path.
    private const int MaxDepth = 70_000;

    /// <summary>How a payload is read; the duplicate-key check reads it again the same way.</summary>
    internal static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private readonly DecoderOptions _options;
    private readonly ReadingDecoder _readings;

    public PayloadDecoder(DecoderOptions? options = null)
    {
        _options = options ?? DecoderOptions.Default;
        _readings = new ReadingDecoder(new ClockSkewRule(_options));
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

        if (WholePayloadChecks.FindTextProblem(payload) is { } problem)
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
        if (skippedUnchecked && WholePayloadChecks.FindDuplicateKey(payload) is { } duplicate)
        {
            result.RejectWhole(new ContractError(ErrorCode.MalformedJson, "$", null, "payload is not valid JSON: " + duplicate));
        }
    }

    private void DecodeTopLevel(ref Utf8JsonReader reader, MessageSchema schema, long receivedAtMs, DecodeResult result, ref bool skippedUnchecked)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                _readings.Decode(ref reader, schema, -1, receivedAtMs, result, ref skippedUnchecked);
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
                _readings.Decode(ref reader, schema, count, receivedAtMs, result, ref skippedUnchecked);
            }
            else
            {
                skippedUnchecked |= reader.TokenType == JsonTokenType.StartArray;
                reader.Skip();
                result.AddError(new ContractError(ErrorCode.SchemaViolation, ReadingDecoder.ElementPath(count), null, "each reading in a backlog array must be a JSON object"));
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
}
