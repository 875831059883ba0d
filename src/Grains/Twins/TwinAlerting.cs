using UrbanTwin.Grains.Abstractions.Alerts;

namespace UrbanTwin.Grains.Twins;

/// <summary>A twin's active alerts, kept in its state and recorded in the city's alert book as they are raised and cleared.</summary>
internal static class TwinAlerting
{
    public static Alert? FindActive(AssetTwinState twin, AlertKind kind) => twin.ActiveAlerts?.Find(a => a.Kind == kind);

    /// <summary>Adds an active alert of <paramref name="kind"/> and records it.</summary>
    public static async Task<Alert> RaiseAsync(IGrainFactory grains, string assetId, AssetTwinState twin, DateTimeOffset now, AlertKind kind, AlertSeverity severity, string reason)
    {
        var alert = new Alert($"{assetId}:{kind}:{now.ToUnixTimeMilliseconds()}", assetId, twin.Kind, kind, severity, now, reason, AreaId: twin.Registration?.AreaId);
        (twin.ActiveAlerts ??= []).Add(alert);
        await grains.GetGrain<IAlertBookGrain>(IAlertBookGrain.Key).RecordAsync(alert);
        return alert;
    }

    /// <summary>Clears the active alert of <paramref name="kind"/> and records it cleared; null when none was active.</summary>
    public static async Task<Alert?> ClearAsync(IGrainFactory grains, AssetTwinState twin, DateTimeOffset now, AlertKind kind)
    {
        if (FindActive(twin, kind) is not { } active)
        {
            return null;
        }

        twin.ActiveAlerts!.Remove(active);
        if (twin.ActiveAlerts.Count == 0)
        {
            twin.ActiveAlerts = null;
        }

        var cleared = active with { ClearedAt = now };
        await grains.GetGrain<IAlertBookGrain>(IAlertBookGrain.Key).RecordAsync(cleared);
        return cleared;
    }
}
