using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;

namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// Paging cursors: base64url (no padding) of the last hit's key, a tag byte first (<c>I</c>: asset
/// id; <c>D</c>: distance as a little-endian IEEE double, then asset id), the id in UTF-8. Opaque to
/// callers; anything else is refused with <see cref="SpatialQueryReasons.BadCursor"/>.
/// </summary>
internal static class SpatialCursor
{
    private const byte ById = (byte)'I';
    private const byte ByDistance = (byte)'D';
    private const int MaxLength = 2_048;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string ForId(string assetId)
    {
        var bytes = new byte[1 + StrictUtf8.GetByteCount(assetId)];
        bytes[0] = ById;
        StrictUtf8.GetBytes(assetId, bytes.AsSpan(1));
        return Base64Url.EncodeToString(bytes);
    }

    public static string ForDistance(double distanceMetres, string assetId)
    {
        var bytes = new byte[9 + StrictUtf8.GetByteCount(assetId)];
        bytes[0] = ByDistance;
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(1), distanceMetres);
        StrictUtf8.GetBytes(assetId, bytes.AsSpan(9));
        return Base64Url.EncodeToString(bytes);
    }

    public static string ReadId(string cursor)
    {
        var bytes = Decode(cursor, ById, 1);
        return Id(bytes.AsSpan(1));
    }

    public static (double DistanceMetres, string AssetId) ReadDistance(string cursor)
    {
        var bytes = Decode(cursor, ByDistance, 9);
        var distance = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(1));
        if (!double.IsFinite(distance) || distance < 0)
        {
            throw Refused();
        }

        return (distance, Id(bytes.AsSpan(9)));
    }

    private static byte[] Decode(string cursor, byte tag, int headerLength)
    {
        byte[] bytes;
        try
        {
            bytes = cursor.Length is > 0 and <= MaxLength ? Base64Url.DecodeFromChars(cursor) : [];
        }
        catch (FormatException)
        {
            throw Refused();
        }

        return bytes.Length > headerLength && bytes[0] == tag ? bytes : throw Refused();
    }

    private static string Id(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw Refused();
        }
    }

    private static SpatialQueryException Refused() => new(SpatialQueryReasons.BadCursor, "the cursor is not one this query handed out");
}
