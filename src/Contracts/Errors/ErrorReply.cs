using System.Buffers;
using System.Text.Json;

namespace UrbanTwin.Contracts.Errors;

/// <summary>
/// Writes the hub → device error message of <c>schemas/error.schema.json</c>:
/// <c>{"seq":17,"code":"out-of-range","message":"…","path":"$[3].pm10"}</c>.
/// Non-ASCII characters are escaped so that the smallest firmware JSON parser can read it.
/// </summary>
public static class ErrorReply
{
    public const int MaxMessageLength = 1024;

    public static void Write(ContractError error, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        if (error.Seq is { } seq)
        {
            writer.WriteNumber("seq"u8, seq);
        }
        else
        {
            writer.WriteNull("seq"u8);
        }

        writer.WriteString("code"u8, error.Code.ToWire());
        writer.WriteString("message"u8, Bound(error.Message));
        writer.WriteString("path"u8, Bound(error.Path));
        writer.WriteEndObject();
    }

    public static byte[] ToUtf8(ContractError error)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(error, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static string Bound(string text)
    {
        if (text.Length <= MaxMessageLength)
        {
            return text;
        }

        // Cut between characters: half a surrogate pair would reach the device as U+FFFD.
        var cut = MaxMessageLength - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }
}
