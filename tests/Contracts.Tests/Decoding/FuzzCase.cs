using System.Text;
using UrbanTwin.Contracts.Fields;

namespace UrbanTwin.Contracts.Tests.Decoding;

/// <summary>
/// One generated decoder input: the payload, the schema of the topic it was sent on, the hub's
/// clock, and the segment size a multi-segment copy of it is split into. Prints as something a
/// developer can paste into a unit test: the payload as text, and as Base64 when it is not too long.
/// </summary>
public sealed record FuzzCase(string Origin, MessageSchema Schema, byte[] Payload, long ReceivedAtMs, int SegmentSize)
{
    private const int PreviewBytes = 300;
    private const int MaxBase64Bytes = 4096;

    public override string ToString()
    {
        var preview = Encoding.UTF8.GetString(Payload, 0, Math.Min(Payload.Length, PreviewBytes));
        var text = new StringBuilder()
            .Append(Origin).Append(" on ").Append(Schema).Append(", ").Append(Payload.Length).Append(" bytes, segments of ")
            .Append(SegmentSize).Append(", receivedAtMs ").Append(ReceivedAtMs).Append(": ").Append(preview);
        if (Payload.Length > PreviewBytes)
        {
            text.Append('…');
        }

        if (Payload.Length <= MaxBase64Bytes)
        {
            text.Append(" base64:").Append(Convert.ToBase64String(Payload));
        }

        return text.ToString();
    }
}
