using System.Buffers.Text;
using System.Security.Cryptography;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>
/// A built open-data document: its bytes, media type and strong entity tag (a hash of the bytes,
/// so the same content always has the same tag, on every node). Documents carry no build time,
/// or every build would change the tag.
/// </summary>
public sealed class OpenDataDocument
{
    private OpenDataDocument(byte[] body, string contentType)
    {
        Body = body;
        ContentType = contentType;
        ETag = "\"" + Base64Url.EncodeToString(SHA256.HashData(body).AsSpan(0, 18)) + "\"";
    }

    public byte[] Body { get; }

    public string ContentType { get; }

    /// <summary>The strong entity tag, quoted as in an <c>ETag</c> header.</summary>
    public string ETag { get; }

    public static OpenDataDocument Of(byte[] body, string contentType) => new(body, contentType);
}
