using System.Text;
using System.Text.Json;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.TestSupport.Contract;

namespace UrbanTwin.Contracts.Tests.Schemas;

public sealed class ErrorReplyTests
{
    public static TheoryData<ErrorCode> Codes => new(ErrorCodes.All);

    [Theory]
    [MemberData(nameof(Codes))]
    public void Reply_for_every_code_is_valid_against_the_error_schema(ErrorCode code)
    {
        var payload = ErrorReply.ToUtf8(new ContractError(code, "$[3].pm10", 17, "pm10 must be a number between 0 and 2000 µg/m³"));

        var errors = SchemaFiles.Validate("error", payload);

        Assert.True(errors.Count == 0, Encoding.UTF8.GetString(payload) + ": " + string.Join(", ", errors));
    }

    [Fact]
    public void Unreadable_seq_is_null_and_a_huge_message_is_bounded()
    {
        var payload = ErrorReply.ToUtf8(new ContractError(ErrorCode.MalformedJson, "$", null, new string('x', 5000)));

        using var json = JsonDocument.Parse(payload);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("seq").ValueKind);
        Assert.Equal("malformed-json", json.RootElement.GetProperty("code").GetString());
        Assert.Equal(ErrorReply.MaxMessageLength, json.RootElement.GetProperty("message").GetString()!.Length);
        Assert.Empty(SchemaFiles.Validate("error", payload));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_message_cut_to_the_bound_keeps_surrogate_pairs_whole(int offset)
    {
        // A device's key quoted in a message may hold characters outside the BMP (two UTF-16 units each).
        var message = new string('x', ErrorReply.MaxMessageLength - 2 - offset) + string.Concat(Enumerable.Repeat("🚌", 10));

        var payload = ErrorReply.ToUtf8(new ContractError(ErrorCode.MalformedJson, "$", null, message));

        using var json = JsonDocument.Parse(payload);
        var sent = json.RootElement.GetProperty("message").GetString()!;
        Assert.EndsWith("…", sent, StringComparison.Ordinal);
        Assert.True(sent.Length <= ErrorReply.MaxMessageLength, $"{sent.Length} characters");
        Assert.StartsWith(sent[..^1], message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reply_text_is_ascii_with_the_unit_escaped()
    {
        var payload = ErrorReply.ToUtf8(new ContractError(ErrorCode.OutOfRange, "$.pm10", 1, "pm10 must be a number between 0 and 2000 µg/m³"));

        Assert.All(payload, b => Assert.True(b < 0x80));
        using var json = JsonDocument.Parse(payload);
        Assert.EndsWith("µg/m³", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
