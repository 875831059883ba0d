using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Twins.Kinds;

namespace UrbanTwin.Grains.Twins;

/// <summary>
/// When a twin's device has been silent too long: a device is watched once it has been heard from,
/// while it is in service and not already stale; its limit is
/// <see cref="TwinOptions.StaleAfterIntervals"/> times the interval its kind expects.
/// </summary>
internal static class StalenessWatch
{
    /// <summary>How long the device may be silent before the twin is stale, by its kind.</summary>
    public static TimeSpan Limit(TwinOptions options, DeviceKind kind, AssetTwinState twin) =>
        TwinKinds.Of(kind).ExpectedInterval(options, twin) * options.StaleAfterIntervals;

    /// <summary>How long until the device's silence passes its limit, when the twin watches it; null when it does not.</summary>
    public static TimeSpan? UntilStale(TwinOptions options, AssetTwinState twin, long nowMs)
    {
        if (!IsWatched(twin, out var kind, out var since))
        {
            return null;
        }

        var remainingMs = Limit(options, kind, twin).TotalMilliseconds - (nowMs - since) + 1;
        return TimeSpan.FromMilliseconds(Math.Max(0, remainingMs));
    }

    /// <summary>
    /// When the twin should look at its device's silence next: the moment it would pass the limit,
    /// but at most <see cref="TwinOptions.StaleCheckPeriod"/> ahead, so a changed clock or limit is
    /// noticed; null when the device is not watched.
    /// </summary>
    public static TimeSpan? NextCheck(TwinOptions options, AssetTwinState twin, long nowMs) =>
        UntilStale(options, twin, nowMs) is { } untilStale ? (untilStale < options.StaleCheckPeriod ? untilStale : options.StaleCheckPeriod) : null;

    /// <summary>The reason of the stale alert to raise now, if the watched device's silence has passed its limit.</summary>
    public static string? StaleReason(TwinOptions options, AssetTwinState twin, long nowMs)
    {
        if (!IsWatched(twin, out var kind, out var since))
        {
            return null;
        }

        var limit = Limit(options, kind, twin);
        var silent = TimeSpan.FromMilliseconds(nowMs - since);
        return silent <= limit ? null : $"no reading for {Describe(silent)} (limit {Describe(limit)})";
    }

    private static bool IsWatched(AssetTwinState twin, out DeviceKind kind, out long since)
    {
        (kind, since) = (twin.Kind ?? default, twin.LastSeenMs ?? 0);
        return twin.Kind is not null && twin.LastSeenMs is not null && !twin.Decommissioned && TwinAlerting.FindActive(twin, AlertKind.Stale) is null;
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#} h" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0} s";
}
