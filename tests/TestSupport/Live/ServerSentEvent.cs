using System.Text.Json;

namespace UrbanTwin.TestSupport.Live;

/// <summary>One event of a <c>text/event-stream</c>: its name and its data, here always JSON.</summary>
public sealed record ServerSentEvent(string Name, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();

    public override string ToString() => $"{Name}: {Data}";
}
