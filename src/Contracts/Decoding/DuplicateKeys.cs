using System.Buffers;
using System.Text.Json;

namespace UrbanTwin.Contracts.Decoding;

/// <summary>
/// Finds a key that appears twice in one object, anywhere in a document, in O(n log n) time and
/// with pooled buffers only: each object's keys are hashed as they are read and sorted by hash
/// when the object closes; keys with equal hashes are compared unescaped. System.Text.Json's own
/// check (<see cref="JsonDocument"/> with <c>AllowDuplicateProperties = false</c>) takes time
/// quadratic in the nesting depth: a second of CPU for one 64 KiB payload of nested arrays.
/// </summary>
/// <remarks>
/// Only for a document the reader has read to its end without error and whose escapes make
/// Unicode text, so nothing here can throw. The hash is <see cref="HashCode"/>'s, seeded per
/// process, so a device cannot choose keys that collide.
/// </remarks>
internal static class DuplicateKeys
{
    /// <summary>The first duplicate key found (innermost object first), quoted for a message, or null.</summary>
    public static string? Find(ReadOnlySpan<byte> json, JsonReaderOptions options)
    {
        // At most one key, and one open object, per 4 bytes: {"":0,"":0} and {"":{"":{.
        var capacity = (json.Length / 4) + 1;
        var keys = ArrayPool<Key>.Shared.Rent(capacity);
        var objectStarts = ArrayPool<int>.Shared.Rent(capacity);
        try
        {
            var reader = new Utf8JsonReader(json, options);
            var count = 0;
            var depth = 0;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        objectStarts[depth++] = count;
                        break;
                    case JsonTokenType.PropertyName:
                        keys[count++] = new Key(Hash(ref reader), (int)reader.TokenStartIndex);
                        break;
                    case JsonTokenType.EndObject:
                        var start = objectStarts[--depth];
                        if (FindInObject(json, keys.AsSpan(start, count - start)) is { } duplicate)
                        {
                            return duplicate;
                        }

                        count = start;
                        break;
                }
            }

            return null;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(objectStarts);
            ArrayPool<Key>.Shared.Return(keys);
        }
    }

    private static string? FindInObject(ReadOnlySpan<byte> json, Span<Key> keys)
    {
        if (keys.Length < 2)
        {
            return null;
        }

        keys.Sort(static (a, b) => a.Hash.CompareTo(b.Hash));
        for (var i = 0; i < keys.Length; i++)
        {
            for (var j = i + 1; j < keys.Length && keys[j].Hash == keys[i].Hash; j++)
            {
                if (SameKey(json, keys[i].TokenStart, keys[j].TokenStart))
                {
                    return "duplicate key " + DeviceText.Quote(KeyAt(json, keys[i].TokenStart).GetString()!);
                }
            }
        }

        return null;
    }

    private static int Hash(ref Utf8JsonReader reader)
    {
        var hash = default(HashCode);
        if (!reader.ValueIsEscaped)
        {
            hash.AddBytes(reader.ValueSpan);
            return hash.ToHashCode();
        }

        var buffer = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            hash.AddBytes(buffer.AsSpan(0, reader.CopyString(buffer)));
            return hash.ToHashCode();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool SameKey(ReadOnlySpan<byte> json, int first, int second)
    {
        var a = KeyAt(json, first);
        var b = KeyAt(json, second);
        if (!a.ValueIsEscaped && !b.ValueIsEscaped)
        {
            return a.ValueSpan.SequenceEqual(b.ValueSpan);
        }

        var bufferA = ArrayPool<byte>.Shared.Rent(a.ValueSpan.Length);
        var bufferB = ArrayPool<byte>.Shared.Rent(b.ValueSpan.Length);
        try
        {
            return bufferA.AsSpan(0, a.CopyString(bufferA)).SequenceEqual(bufferB.AsSpan(0, b.CopyString(bufferB)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bufferB);
            ArrayPool<byte>.Shared.Return(bufferA);
        }
    }

    /// <summary>A reader on the key at <paramref name="tokenStart"/>, read as a string (its colon comes only on the next read).</summary>
    private static Utf8JsonReader KeyAt(ReadOnlySpan<byte> json, int tokenStart)
    {
        var reader = new Utf8JsonReader(json[tokenStart..]);
        reader.Read();
        return reader;
    }

    private readonly record struct Key(int Hash, int TokenStart);
}
