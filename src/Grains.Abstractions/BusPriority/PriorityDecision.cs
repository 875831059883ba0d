using System.Buffers;
using System.Text.Json;

namespace UrbanTwin.Grains.Abstractions.BusPriority;

/// <summary>
/// The hub's answer to one bus priority request. A denial carries the action the bus would have
/// had and 0 seconds. <see cref="DecidedAtMs"/> (hub clock, epoch ms) is for the hub's records and
/// is not part of the <c>cmd/priority</c> payload.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.PriorityDecision")]
public sealed record PriorityDecision(
    uint RequestSeq,
    PriorityOutcome Decision,
    PriorityAction Action,
    int Seconds,
    string Reason,
    long DecidedAtMs)
{
    private static readonly JsonEncodedText RequestSeqName = JsonEncodedText.Encode("requestSeq");
    private static readonly JsonEncodedText DecisionName = JsonEncodedText.Encode("decision");
    private static readonly JsonEncodedText ActionName = JsonEncodedText.Encode("action");
    private static readonly JsonEncodedText SecondsName = JsonEncodedText.Encode("seconds");
    private static readonly JsonEncodedText ReasonName = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText Granted = JsonEncodedText.Encode("granted");
    private static readonly JsonEncodedText Denied = JsonEncodedText.Encode("denied");
    private static readonly JsonEncodedText ExtendGreen = JsonEncodedText.Encode("extend-green");
    private static readonly JsonEncodedText EarlyGreen = JsonEncodedText.Encode("early-green");

    /// <summary>The <c>cmd/priority</c> payload, e.g. <c>{"requestSeq":17,"decision":"granted","action":"extend-green","seconds":10,"reason":"late"}</c>.</summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the <c>cmd/priority</c> payload to a caller's (e.g. pooled) writer.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber(RequestSeqName, RequestSeq);
        writer.WriteString(DecisionName, Decision switch
        {
            PriorityOutcome.Granted => Granted,
            PriorityOutcome.Denied => Denied,
            _ => throw new InvalidOperationException($"Unknown priority decision {Decision}."),
        });
        writer.WriteString(ActionName, Action switch
        {
            PriorityAction.ExtendGreen => ExtendGreen,
            PriorityAction.EarlyGreen => EarlyGreen,
            _ => throw new InvalidOperationException($"Unknown priority action {Action}."),
        });
        writer.WriteNumber(SecondsName, Seconds);
        writer.WriteString(ReasonName, Reason);
        writer.WriteEndObject();
    }
}
