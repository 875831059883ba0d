using System.Text.Json.Nodes;
using UrbanTwin.TwinApi.DigitalTwins.Http;
using UrbanTwin.TwinApi.DigitalTwins.Models;

namespace UrbanTwin.TwinApi.DigitalTwins.Twins;

/// <summary>
/// Puts a stored twin's envelope around its content, as Azure Digital Twins writes it:
/// <c>$dtId</c> and <c>$etag</c> first, then the properties and components (each component with
/// its own <c>$metadata</c>), then <c>$metadata</c> with the <c>$model</c>, the twin's
/// <c>$lastUpdateTime</c> and each property's <c>lastUpdateTime</c> (and <c>sourceTime</c> when
/// one was set). A property's time moves only when it was written (<paramref name="touched"/>).
/// </summary>
public static class TwinEnvelope
{
    /// <param name="content">The twin's properties and components, and its <c>$metadata</c> as it was (its <c>$model</c> included); changed in place.</param>
    /// <param name="touched">Whether a property (its path: <c>name</c>, or <c>component</c> then <c>name</c>) was written now.</param>
    public static JsonObject Seal(string id, JsonObject content, ResolvedModel model, Func<string, string?, bool> touched, DateTimeOffset now)
    {
        var time = AdtJson.Time(now);
        var previous = content["$metadata"] as JsonObject;
        var twin = new JsonObject { ["$dtId"] = id, ["$etag"] = AdtJson.NewETag() };
        var metadata = new JsonObject { ["$model"] = model.Id, ["$lastUpdateTime"] = time };
        foreach (var (name, value) in content.ToList())
        {
            if (name.StartsWith('$'))
            {
                continue;
            }

            content.Remove(name);
            if (model.Find(name, DtdlContentKind.Component) is not null && value is JsonObject component)
            {
                twin[name] = SealComponent(name, component, touched, time);
            }
            else
            {
                twin[name] = value;
                metadata[name] = Entry(previous?[name], touched(name, null), time);
            }
        }

        twin["$metadata"] = metadata;
        return twin;
    }

    private static JsonObject SealComponent(string component, JsonObject content, Func<string, string?, bool> touched, string time)
    {
        var previous = content["$metadata"] as JsonObject;
        var sealedComponent = new JsonObject();
        var metadata = new JsonObject { ["$lastUpdateTime"] = previous?["$lastUpdateTime"]?.DeepClone() ?? time };
        var anyTouched = false;
        foreach (var (name, value) in content.ToList())
        {
            if (name.StartsWith('$'))
            {
                continue;
            }

            content.Remove(name);
            sealedComponent[name] = value;
            var written = touched(component, name);
            anyTouched |= written;
            metadata[name] = Entry(previous?[name], written, time);
        }

        if (anyTouched || touched(component, null))
        {
            metadata["$lastUpdateTime"] = time;
        }

        sealedComponent["$metadata"] = metadata;
        return sealedComponent;
    }

    private static JsonObject Entry(JsonNode? previous, bool written, string time)
    {
        var entry = new JsonObject { ["lastUpdateTime"] = !written && (previous as JsonObject)?["lastUpdateTime"] is { } before ? before.DeepClone() : time };
        if ((previous as JsonObject)?["sourceTime"] is { } source)
        {
            entry["sourceTime"] = source.DeepClone();
        }

        return entry;
    }
}
