using System.Buffers;
using System.Text;
using UrbanTwin.Contracts.Decoding;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Fields;

namespace UrbanTwin.Contracts.Tests.Decoding;

/// <summary>
/// A <c>\uXXXX</c> escape that is half of a surrogate pair stands for no character: the payload is
/// malformed JSON wherever it is. Escapes that do make characters are judged by the field's rule.
/// The golden vectors show the contract's cases; these are the edges of telling the two apart.
/// </summary>
public sealed class UnpairedSurrogateTests
{
    private readonly PayloadDecoder _decoder = new();

    [Theory]
    [InlineData(@"\udc00")]
    [InlineData(@"\uDBFF\uDBFF")]
    [InlineData(@"\udc00\ud800")]
    [InlineData(@"\ud800x")]
    [InlineData(@"\ud800\n")]
    [InlineData(@"\ud800\\udc00")]
    [InlineData(@"\\\ud800")]
    [InlineData(@"1.2.3\ud83d")]
    public void Unpaired_surrogate_escape_in_a_string_is_malformed_json(string escapedFirmware)
    {
        var result = Decode(StatusWithFirmware(escapedFirmware));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCode.MalformedJson, error.Code);
        Assert.Equal("$", error.Path);
        Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"\ud83d\ude8c")]
    [InlineData(@"\uD83D\uDE8C")]
    [InlineData(@"\\ud800")]
    [InlineData(@"\\\\ud800")]
    [InlineData(@"\u00e9")]
    public void Escapes_that_make_characters_are_judged_by_the_field_rule(string escapedFirmware)
    {
        var result = Decode(StatusWithFirmware(escapedFirmware));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCode.SchemaViolation, error.Code);
        Assert.Equal("$.firmware", error.Path);
    }

    [Fact]
    public void Escaped_digits_of_a_valid_version_are_accepted()
    {
        var result = Decode(StatusWithFirmware(@"\u0031.\u0032.3"));

        Assert.Empty(result.Errors);
        Assert.Equal("1.2.3", result.Status!.Firmware);
    }

    [Fact]
    public void Unpaired_surrogate_escape_split_across_segments_is_malformed_json()
    {
        var payload = StatusWithFirmware(@"\ud800");
        var at = Encoding.UTF8.GetString(payload).IndexOf(@"\ud800", StringComparison.Ordinal);

        for (var split = at; split <= at + 6; split++)
        {
            var result = new DecodeResult();
            _decoder.Decode(ContractSchemas.Status, Segments.Split(payload, split), 0, result);

            Assert.Equal(ErrorCode.MalformedJson, Assert.Single(result.Errors).Code);
        }
    }

    [Fact]
    public void Backslash_as_the_last_byte_is_malformed_json()
    {
        var result = Decode("{\"state\":\"online\"}\\"u8.ToArray());

        Assert.Equal(ErrorCode.MalformedJson, Assert.Single(result.Errors).Code);
    }

    private static byte[] StatusWithFirmware(string escapedFirmware) =>
        Encoding.UTF8.GetBytes("{\"state\":\"online\",\"firmware\":\"" + escapedFirmware + "\"}");

    private DecodeResult Decode(byte[] payload)
    {
        var result = new DecodeResult();
        _decoder.Decode(ContractSchemas.Status, new ReadOnlySequence<byte>(payload), 0, result);
        return result;
    }
}
