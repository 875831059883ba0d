using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using UrbanTwin.Contracts.Decoding;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Contracts.Tests.Vectors;

namespace UrbanTwin.Contracts.Tests.Decoding;

/// <summary>
/// Whatever a device sends, the decoder answers within the contract and never throws: a throw
/// drops the device's connection without PUBACK, and a QoS 1 device then resends the same message
/// forever. For every input: only the decoder's contract codes, each error with a path and a short
/// printable message that is whole UTF-16 and reaches the device intact; a whole-message rejection
/// accepts nothing; accepted readings are within their ranges; the outcome does not depend on how
/// the payload is segmented; and malformed-json exactly when <see cref="StrictJson"/> says the
/// payload is not strict JSON. Inputs come from <see cref="FuzzCases"/>; a failure prints the
/// payload and FsCheck's replay seed.
/// </summary>
public sealed class PayloadDecoderFuzzTests
{
    private static readonly HashSet<ErrorCode> DecoderCodes =
        [ErrorCode.MalformedJson, ErrorCode.PayloadTooLarge, ErrorCode.SchemaViolation, ErrorCode.OutOfRange, ErrorCode.ClockSkew];

    private readonly PayloadDecoder _decoder = new();

    [Property(MaxTest = 5_000)]
    public Property Any_payload_on_any_topic_decodes_to_content_or_contract_errors_without_throwing() =>
        Prop.ForAll(FuzzCases.RandomPayloads, AssertDecodesWithinContract);

    [Property(MaxTest = 5_000)]
    public Property Mutated_golden_vectors_decode_to_content_or_contract_errors_without_throwing() =>
        Prop.ForAll(FuzzCases.MutatedVectors, AssertDecodesWithinContract);

    /// <summary>
    /// Guards the decoder against copying the payload or allocating per token. After a warm-up (JIT,
    /// array pools), decoding n bytes allocates at most 16 KiB, plus 8 bytes per payload byte, plus
    /// 1 KiB for each of the first 500 elements of a backlog array (each may get its error, even if
    /// the array is then rejected whole). The decoder itself takes up to 2 bytes a byte (one UTF-16
    /// copy of an unknown key per reading); Utf8JsonReader's exception for a bad literal about 6
    /// (its message quotes the rest of the payload, built three times over). A decoder that made a
    /// string and a message of every unknown key (27 bytes a byte) or copied the payload 10 times
    /// fails here.
    /// </summary>
    [Property(MaxTest = 2_000)]
    public Property Decoding_allocates_at_most_a_fixed_amount_plus_a_small_multiple_of_the_payload() =>
        Prop.ForAll(FuzzCases.Any, fuzz =>
        {
            const long Fixed = 16 * 1024;
            const long PerPayloadByte = 8;
            const long PerReading = 1024;
            var result = new DecodeResult();
            var payload = new ReadOnlySequence<byte>(fuzz.Payload);
            _decoder.Decode(fuzz.Schema, payload, fuzz.ReceivedAtMs, result);

            var before = GC.GetAllocatedBytesForCurrentThread();
            _decoder.Decode(fuzz.Schema, payload, fuzz.ReceivedAtMs, result);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            var readings = Math.Min(TopLevelElements(fuzz.Payload), _decoder.Options.MaxBatchReadings);
            var bound = Fixed + (PerPayloadByte * fuzz.Payload.Length) + (PerReading * readings);
            Assert.True(allocated <= bound, $"{allocated:N0} bytes allocated; the bound is {bound:N0} ({readings} readings)");
        });

    private void AssertDecodesWithinContract(FuzzCase fuzz)
    {
        var whole = Decode(fuzz, new ReadOnlySequence<byte>(fuzz.Payload));
        AssertWithinContract(fuzz, whole);

        // How the transport segments a payload changes nothing but, at most, the parser's wording.
        var split = Decode(fuzz, Segments.Split(fuzz.Payload, fuzz.SegmentSize));
        Assert.Equal(OutcomeText.Actual(whole, fuzz.Schema), OutcomeText.Actual(split, fuzz.Schema));

        if (fuzz.Payload.Length <= _decoder.Options.MaxPayloadBytes)
        {
            var malformed = whole.Errors.Any(e => e.Code == ErrorCode.MalformedJson);
            Assert.True(malformed != StrictJson.IsValid(fuzz.Payload), malformed ? "malformed-json for strict JSON" : "no malformed-json for a payload that is not strict JSON");
        }
    }

    private DecodeResult Decode(FuzzCase fuzz, ReadOnlySequence<byte> payload)
    {
        var result = new DecodeResult();
        _decoder.Decode(fuzz.Schema, payload, fuzz.ReceivedAtMs, result);
        return result;
    }

    private void AssertWithinContract(FuzzCase fuzz, DecodeResult result)
    {
        foreach (var error in result.Errors)
        {
            Assert.Contains(error.Code, DecoderCodes);
            Assert.NotNull(error.Path);
            Assert.StartsWith("$", error.Path, StringComparison.Ordinal);
            Assert.True(IsUnicode(error.Path), "path with half a surrogate pair: " + error.Path);
            Assert.False(string.IsNullOrEmpty(error.Message));
            Assert.True(IsUnicode(error.Message), "message with half a surrogate pair: " + error.Message);

            // Both go into the hub's log line too: short, and no line breaks from the payload.
            Assert.InRange(error.Message.Length, 1, ErrorReply.MaxMessageLength);
            Assert.DoesNotContain(error.Message, char.IsControl);
            Assert.DoesNotContain(error.Path, char.IsControl);
            AssertReplyCarriesTheError(error);
        }

        if (result.Errors.Any(e => e.Code is ErrorCode.MalformedJson or ErrorCode.PayloadTooLarge))
        {
            // Whole message rejected: one error for the whole payload, nothing accepted.
            var error = Assert.Single(result.Errors);
            Assert.Equal("$", error.Path);
            Assert.Null(error.Seq);
            Assert.Equal(0, result.Readings.Length);
            Assert.Null(result.Request);
            Assert.Null(result.Status);
            return;
        }

        switch (fuzz.Schema.Shape)
        {
            case MessageShape.Telemetry:
                // Every reading is accepted or gets one error; a whole array rejected gets one.
                var outcomes = result.Readings.Length + result.Errors.Count;
                Assert.InRange(outcomes, 1, _decoder.Options.MaxBatchReadings);
                foreach (var reading in result.Readings)
                {
                    AssertWithinRanges(fuzz, reading);
                }

                break;
            case MessageShape.PriorityRequest:
                Assert.True(result.Request is null == (result.Errors.Count == 1) && result.Errors.Count <= 1, "a request is accepted or gets one error");
                break;
            default:
                Assert.True(result.Status is null == (result.Errors.Count == 1) && result.Errors.Count <= 1, "a status is accepted or gets one error");
                break;
        }
    }

    private void AssertWithinRanges(FuzzCase fuzz, Reading reading)
    {
        Assert.InRange(reading.TimestampMs, fuzz.ReceivedAtMs - (long)_decoder.Options.MaxAge.TotalMilliseconds, fuzz.ReceivedAtMs + (long)_decoder.Options.FutureTolerance.TotalMilliseconds);
        foreach (var field in fuzz.Schema.Fields)
        {
            if (field.IsNumeric && reading.TryGet(field.Slot, out var value))
            {
                Assert.InRange(value, field.Min, field.Max);
                Assert.True(field.Type != FieldType.Integer || value == Math.Floor(value), field.Name + " accepted with a fraction");
            }
        }
    }

    /// <summary>The reply the device gets is valid UTF-8 JSON that carries the message unchanged, or cut short.</summary>
    private static void AssertReplyCarriesTheError(ContractError error)
    {
        var reply = ErrorReply.ToUtf8(error);
        Assert.True(Utf8.IsValid(reply));
        using var json = JsonDocument.Parse(reply);
        var message = json.RootElement.GetProperty("message").GetString()!;
        Assert.True(message == error.Message || (message.EndsWith('…') && error.Message.StartsWith(message[..^1], StringComparison.Ordinal)), "reply message: " + message);
        Assert.Equal(error.Code.ToWire(), json.RootElement.GetProperty("code").GetString());
    }

    /// <summary>How many elements a top-level array has up to its first syntax error; 1 for anything else.</summary>
    private static int TopLevelElements(byte[] payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 100_000 });
        var count = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return 1;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                count++;
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Counted up to the error: the decoder reads no further either.
        }

        return Math.Max(count, 1);
    }

    private static bool IsUnicode(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
