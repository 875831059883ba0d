using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.Live;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.Live;

namespace UrbanTwin.Grains.Twins;

/// <summary>
/// A twin's changes on the node's live feed, built only when someone listens: with nobody
/// listening a change costs one flag check. Personal fields never go out.
/// </summary>
internal static class TwinEvents
{
    /// <summary>The twin's status and the latest values in <paramref name="changedSlots"/> (a bit per slot).</summary>
    public static void Changed(LiveFeed live, string assetId, AssetTwinState twin, int changedSlots)
    {
        if (!live.IsWanted || twin.Kind is not { } kind)
        {
            return;
        }

        var latest = new List<FieldValue>();
        foreach (var field in ContractSchemas.For(kind, MessageType.Telemetry)!.Fields)
        {
            if (field.IsNumeric && field.Classification != FieldClassification.Personal && (changedSlots & (1 << field.Slot)) != 0)
            {
                latest.Add(new FieldValue(field.Name, twin.Latest[field.Slot], twin.LatestAt[field.Slot]));
            }
        }

        live.Publish(EventOf(assetId, twin, new TwinChange(TwinStatus.Of(twin), latest, twin.AirQuality?.Band), null));
    }

    /// <summary>An alert raised or cleared.</summary>
    public static void Alerted(LiveFeed live, string assetId, AssetTwinState twin, Alert alert)
    {
        if (live.IsWanted)
        {
            live.Publish(EventOf(assetId, twin, null, alert));
        }
    }

    private static LiveEvent EventOf(string assetId, AssetTwinState twin, TwinChange? change, Alert? alert)
    {
        var registration = twin.Registration;
        return new LiveEvent(assetId, twin.Kind, registration?.AreaId, registration?.Longitude, registration?.Latitude, change, alert);
    }
}
