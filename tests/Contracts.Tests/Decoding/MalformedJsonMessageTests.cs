using System.Buffers;
using System.Text;
using UrbanTwin.Contracts.Decoding;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Fields;

namespace UrbanTwin.Contracts.Tests.Decoding;

/// <summary>
/// A malformed-json message quotes the payload (System.Text.Json's message for a bad literal
/// quotes it from the literal to the end, raw). It goes back to the device and into the hub's log,
/// so it stays short and printable whatever the payload holds.
/// </summary>
public sealed class MalformedJsonMessageTests
{
    private readonly PayloadDecoder _decoder = new();

    [Fact]
    public void A_bad_literal_followed_by_the_rest_of_a_large_payload_is_quoted_short()
    {
        var message = MalformedJsonMessage("{\"seq\":fx" + new string('a', 60_000) + "}");

        Assert.True(message.Length < 300, $"{message.Length} characters");
        Assert.StartsWith("payload is not valid JSON: 'fxaaa", message, StringComparison.Ordinal);
        Assert.Contains("BytePositionInLine", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_breaks_and_control_characters_in_the_payload_are_escaped()
    {
        var message = MalformedJsonMessage("{\"seq\":tx\n2019-05-07 09:00:00 info: forged log line\r\u0007}");

        Assert.DoesNotContain(message, char.IsControl);
        Assert.Contains(@"tx\u000a2019-05-07", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_key_outside_the_basic_plane_is_quoted_as_ascii_escapes()
    {
        var key = string.Concat(Enumerable.Repeat("🚌", 5_000));
        var message = MalformedJsonMessage("{\"seq\":1,\"ts\":1557219600000,\"no2\":1,\"x\":{\"" + key + "\":1,\"" + key + "\":2}}");

        Assert.True(message.Length < 1_000, $"{message.Length} characters");
        Assert.All(message, c => Assert.True(c is >= ' ' and <= '~' or '…', $"U+{(int)c:X4}"));
        Assert.Contains(@"\ud83d\ude8c", message, StringComparison.Ordinal);
    }

    private string MalformedJsonMessage(string payload)
    {
        var result = new DecodeResult();
        _decoder.Decode(ContractSchemas.AirQualityTelemetry, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)), 1_557_219_630_000, result);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCode.MalformedJson, error.Code);
        return error.Message;
    }
}
