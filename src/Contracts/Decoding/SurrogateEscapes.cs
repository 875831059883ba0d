namespace UrbanTwin.Contracts.Decoding;

/// <summary>
/// Finds a <c>\uXXXX</c> escape that is half of a UTF-16 surrogate pair without its other half
/// (<c>"\ud800"</c>, <c>"\udc00"</c>, <c>"\ud800\u0041"</c>). <see cref="System.Text.Json.Utf8JsonReader"/>
/// accepts such an escape as syntax but cannot unescape it: <c>GetString</c>, <c>CopyString</c>,
/// <c>ValueTextEquals</c> and <see cref="System.Text.Json.JsonDocument"/>'s duplicate-key check all
/// throw <see cref="InvalidOperationException"/> on it, and the text it stands for is not Unicode.
/// </summary>
/// <remarks>
/// Works on the raw bytes, before the reader: a backslash is only valid inside a string, where the
/// escapes are read left to right, so walking from one backslash to the next (<c>\\</c> taken as a
/// pair) sees every escape of valid JSON exactly as the reader does. In invalid JSON it may find an
/// escape the reader would not reach, which changes only the message: both are malformed JSON.
/// </remarks>
internal static class SurrogateEscapes
{
    /// <summary>The length of one <c>\uXXXX</c> escape.</summary>
    public const int EscapeLength = 6;

    /// <summary>The offset of the first unpaired surrogate escape in <paramref name="json"/>, or -1.</summary>
    public static int IndexOfUnpaired(ReadOnlySpan<byte> json)
    {
        var offset = 0;
        while (true)
        {
            var next = json[offset..].IndexOf((byte)'\\');
            if (next < 0)
            {
                return -1;
            }

            offset += next;
            if (!TryReadUnicodeEscape(json, offset, out var unit))
            {
                // \" \\ \n and the like, or a broken escape the reader reports itself.
                offset = Math.Min(offset + 2, json.Length);
                continue;
            }

            if (char.IsHighSurrogate(unit)
                && TryReadUnicodeEscape(json, offset + EscapeLength, out var low)
                && char.IsLowSurrogate(low))
            {
                offset += 2 * EscapeLength;
                continue;
            }

            if (char.IsSurrogate(unit))
            {
                return offset;
            }

            offset += EscapeLength;
        }
    }

    private static bool TryReadUnicodeEscape(ReadOnlySpan<byte> json, int offset, out char unit)
    {
        unit = '\0';
        if (offset + EscapeLength > json.Length || json[offset] != '\\' || json[offset + 1] != 'u')
        {
            return false;
        }

        var value = 0;
        for (var i = offset + 2; i < offset + EscapeLength; i++)
        {
            var digit = HexDigit(json[i]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        unit = (char)value;
        return true;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
