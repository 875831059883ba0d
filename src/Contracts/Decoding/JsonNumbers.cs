using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace UrbanTwin.Contracts.Decoding;

/// <summary>
/// The number getters of <see cref="Utf8JsonReader"/>, without allocating for a number split
/// across the segments of a multi-segment payload (the reader's own copy it into a new array).
/// Such a number is copied to the stack and read by a reader over the copy, so the rules stay the
/// reader's own; one too long for the stack (hostile, rejected anyway) takes the reader's path.
/// </summary>
internal static class JsonNumbers
{
    private const int MaxStackLength = 128;

    [SkipLocalsInit]
    public static bool TryGetUInt32(ref Utf8JsonReader reader, out uint value)
    {
        if (!IsShortAndSplit(ref reader))
        {
            return reader.TryGetUInt32(out value);
        }

        Span<byte> buffer = stackalloc byte[MaxStackLength];
        var copy = ReaderOverCopy(reader.ValueSequence, buffer);
        return copy.TryGetUInt32(out value);
    }

    [SkipLocalsInit]
    public static bool TryGetInt64(ref Utf8JsonReader reader, out long value)
    {
        if (!IsShortAndSplit(ref reader))
        {
            return reader.TryGetInt64(out value);
        }

        Span<byte> buffer = stackalloc byte[MaxStackLength];
        var copy = ReaderOverCopy(reader.ValueSequence, buffer);
        return copy.TryGetInt64(out value);
    }

    [SkipLocalsInit]
    public static bool TryGetDouble(ref Utf8JsonReader reader, out double value)
    {
        if (!IsShortAndSplit(ref reader))
        {
            return reader.TryGetDouble(out value);
        }

        Span<byte> buffer = stackalloc byte[MaxStackLength];
        var copy = ReaderOverCopy(reader.ValueSequence, buffer);
        return copy.TryGetDouble(out value);
    }

    private static bool IsShortAndSplit(ref Utf8JsonReader reader) =>
        reader.HasValueSequence && reader.ValueSequence.Length <= MaxStackLength;

    private static Utf8JsonReader ReaderOverCopy(in ReadOnlySequence<byte> number, Span<byte> buffer)
    {
        var length = (int)number.Length;
        number.CopyTo(buffer);
        var reader = new Utf8JsonReader(buffer[..length]);
        reader.Read();
        return reader;
    }
}
