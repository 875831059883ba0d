using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TwinApi.DigitalTwins.Http;

namespace UrbanTwin.TwinApi.DigitalTwins.Twins;

/// <summary>
/// An asset grain's state as a DTDL twin of its kind's Interface (<see cref="AssetModels"/>): the
/// registration and connection as properties, the newest value of each field in the <c>latest</c>
/// component (its <c>sourceTime</c> is when the reading was taken), and what the twin derives for
/// its kind in components of their own. Its ETag is a hash of that content, so it changes exactly
/// when the twin does, on every node alike.
/// </summary>
public static class AssetTwinDocument
{
    public static JsonObject Build(TwinSnapshot twin)
    {
        var kind = twin.Kind ?? twin.Registration!.Kind;
        var registration = twin.Registration!;
        var updated = AdtJson.Time(twin.LastSeenMs ?? twin.BoundAtMs ?? 0);
        var document = new JsonObject { ["$dtId"] = twin.AssetId, ["name"] = registration.Name };
        if (registration.AreaId is { } area)
        {
            document["areaCode"] = area;
        }

        document["location"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(registration.Longitude, registration.Latitude) };
        if (twin.DeviceId is { } device)
        {
            document["deviceId"] = device;
        }

        document["status"] = twin.Decommissioned ? "decommissioned" : twin.Status;
        document["online"] = twin.Online;
        if (twin.LastSeenMs is { } seen)
        {
            document["lastSeen"] = AdtJson.Time(seen);
        }

        if (twin.Firmware is { } firmware)
        {
            document["firmware"] = firmware;
        }

        document["activeAlerts"] = twin.Alerts.Count;
        document["messages"] = Component(updated, ("accepted", twin.Accepted), ("duplicates", twin.Duplicates), ("rejected", twin.Rejected));
        document["latest"] = Latest(twin.Latest);
        AddKindComponents(document, kind, twin, updated);

        var metadata = new JsonObject { ["$model"] = AssetModels.Of(kind), ["$lastUpdateTime"] = updated };
        foreach (var (name, _) in document)
        {
            if (!name.StartsWith('$') && (document[name] is not JsonObject || name == "location"))
            {
                metadata[name] = new JsonObject { ["lastUpdateTime"] = updated };
            }
        }

        document["$metadata"] = metadata;
        document.Insert(1, "$etag", ETagOf(document));
        return document;
    }

    private static void AddKindComponents(JsonObject document, DeviceKind kind, TwinSnapshot twin, string updated)
    {
        switch (kind)
        {
            case DeviceKind.AirQuality:
                var air = twin.AirQuality;
                document["airQuality"] = Component(
                    updated,
                    ("index", air?.Index),
                    ("band", air?.Band),
                    ("worstPollutant", air?.WorstPollutant),
                    ("hourStart", air is null ? null : AdtJson.Time(air.HourStartMs)));
                break;
            case DeviceKind.Footfall:
                var foot = twin.Footfall;
                document["footfall"] = Component(
                    updated,
                    ("hourStart", foot is null ? null : AdtJson.Time(foot.HourStartMs)),
                    ("hourIn", foot?.HourIn),
                    ("hourOut", foot?.HourOut),
                    ("day", foot?.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                    ("dayIn", foot?.DayIn),
                    ("dayOut", foot?.DayOut));
                break;
            case DeviceKind.BusPriority:
                var policy = twin.PriorityPolicy;
                document[AssetModels.PriorityPolicyComponent] = Component(
                    updated,
                    ("lateThreshold", policy?.LateThresholdSeconds),
                    ("congestionOccupancy", policy?.CongestionOccupancy),
                    ("inhibitWindow", policy?.InhibitWindowSeconds),
                    ("maxGrantsPerHour", policy?.MaxGrantsPerHour));
                var stats = twin.BusPriority;
                var statistics = Component(updated, ("requests", stats?.Requests ?? 0), ("granted", stats?.Granted ?? 0), ("denied", stats?.Denied ?? 0));
                var reasons = new JsonObject();
                foreach (var (reason, count) in stats?.Reasons ?? new Dictionary<string, long>())
                {
                    reasons[reason] = count;
                }

                statistics.Insert(3, "reasons", reasons);
                document["priorityStatistics"] = statistics;
                break;
        }
    }

    private static JsonObject Latest(IReadOnlyList<FieldValue> latest)
    {
        var component = new JsonObject();
        var metadata = new JsonObject();
        foreach (var field in latest)
        {
            component[field.Field] = field.Value;
            var at = AdtJson.Time(field.TimestampMs);
            metadata[field.Field] = new JsonObject { ["lastUpdateTime"] = at, ["sourceTime"] = at };
        }

        component["$metadata"] = metadata;
        return component;
    }

    private static JsonObject Component(string updated, params (string Name, object? Value)[] properties)
    {
        var component = new JsonObject();
        var metadata = new JsonObject();
        foreach (var (name, value) in properties)
        {
            if (value is not null)
            {
                component[name] = value switch
                {
                    int i => JsonValue.Create(i),
                    long l => JsonValue.Create(l),
                    double d => JsonValue.Create(d),
                    _ => JsonValue.Create((string)value),
                };
                metadata[name] = new JsonObject { ["lastUpdateTime"] = updated };
            }
        }

        component["$metadata"] = metadata;
        return component;
    }

    private static string ETagOf(JsonObject document)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(document.ToJsonString(AdtJson.Options)));
        return $"W/\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"";
    }
}
