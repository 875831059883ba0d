using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace UrbanTwin.Contracts.Decoding;

/// <summary>
/// The decoder's checks of a whole payload at once, outside its one forward pass: that it is
/// Unicode text (before the reader runs) and, on the error path, that no object repeats a key
/// inside a value the pass skipped. Each needs the payload in one piece.
/// </summary>
internal static class WholePayloadChecks
{
    /// <summary>
    /// Why the payload is not Unicode text, or null: invalid UTF-8, or an escape that is half a
    /// surrogate pair. Checked before the reader runs, so no string the decoder unescapes later (a
    /// field name, ts, a text value, an unknown field's name, the duplicate-key check) can fail.
    /// </summary>
    public static string? FindTextProblem(in ReadOnlySequence<byte> payload) => OnContiguous(payload, FindTextProblem);

    /// <summary>The first key repeated in one object of the payload, quoted for a message, or null.</summary>
    public static string? FindDuplicateKey(in ReadOnlySequence<byte> payload) =>
        OnContiguous(payload, static json => DuplicateKeys.Find(json, PayloadDecoder.ReaderOptions));

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

    private delegate string? ContiguousCheck(ReadOnlySpan<byte> json);
}
