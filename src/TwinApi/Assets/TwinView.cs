using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.TwinApi.Assets;

/// <summary>
/// A twin as operators read it: the asset, connection, latest value of every field with its unit
/// and time, derived status for its kind, active alerts and counters. Times are RFC 3339 (UTC).
/// </summary>
public sealed record TwinView(
    AssetView Asset,
    bool Online,
    DateTimeOffset? LastSeen,
    string? Firmware,
    IReadOnlyDictionary<string, TwinView.LatestValue> Latest,
    AirQualityStatus? AirQuality,
    FootfallStatus? Footfall,
    BusPriorityStatus? BusPriority,
    IReadOnlyList<Alert> Alerts,
    TwinView.MessageCounters Counters)
{
    public static TwinView Of(AssetView asset, TwinSnapshot twin)
    {
        var units = UnitsOf(asset.Kind);
        var latest = new Dictionary<string, LatestValue>(StringComparer.Ordinal);
        foreach (var value in twin.Latest)
        {
            latest[value.Field] = new LatestValue(value.Value, units.GetValueOrDefault(value.Field), DateTimeOffset.FromUnixTimeMilliseconds(value.TimestampMs));
        }

        return new TwinView(
            asset,
            twin.Online,
            twin.LastSeenMs is { } seen ? DateTimeOffset.FromUnixTimeMilliseconds(seen) : null,
            twin.Firmware,
            latest,
            twin.AirQuality,
            twin.Footfall,
            twin.BusPriority,
            twin.Alerts,
            new MessageCounters(twin.Accepted, twin.Duplicates, twin.Rejected));
    }

    private static readonly Dictionary<DeviceKind, Dictionary<string, string>> Units = DeviceKinds.All.ToDictionary(k => k, BuildUnits);

    /// <summary>The unit of each numeric telemetry field of a kind that has one.</summary>
    internal static IReadOnlyDictionary<string, string> UnitsOf(DeviceKind kind) => Units[kind];

    private static Dictionary<string, string> BuildUnits(DeviceKind kind)
    {
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        var schema = ContractSchemas.For(kind, MessageType.Telemetry)!;
        foreach (var field in schema.Fields)
        {
            if (field.IsNumeric && field.Unit.Length > 0)
            {
                units[field.Name] = field.Unit;
            }
        }

        return units;
    }

    public sealed record LatestValue(double Value, string? Unit, DateTimeOffset At);

    public sealed record MessageCounters(long Accepted, long Duplicates, long Rejected);
}
