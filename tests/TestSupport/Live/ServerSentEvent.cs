using System.Text.Json;

namespace UrbanTwin.TestSupport.Live;

/// <summary>One event of a <c>text/event-stream</c>: its name, its data (here always JSON) and its id, when it has one.</summary>
public sealed record ServerSentEvent(string Name, string Data, string? Id = null)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();

    public override string ToString() => $"{Name}: {Data}";
}
