using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.BusPriority;
using UrbanTwin.Grains.Footfall;

namespace UrbanTwin.Grains.Twins;

/// <summary>What a twin shows: its state as the API and operators read it.</summary>
internal static class TwinSnapshots
{
    /// <param name="policy">A junction's priority policy in force; null for other kinds.</param>
    public static TwinSnapshot Of(string assetId, AssetTwinState twin, PriorityPolicyOptions? policy)
    {
        var latest = new List<FieldValue>();
        if (twin.Kind is { } kind && ContractSchemas.For(kind, MessageType.Telemetry) is { } schema)
        {
            foreach (var field in schema.Fields)
            {
                if (field.IsNumeric && (twin.Present & (1 << field.Slot)) != 0)
                {
                    latest.Add(new FieldValue(field.Name, twin.Latest[field.Slot], twin.LatestAt[field.Slot]));
                }
            }
        }

        return new TwinSnapshot(
            assetId,
            twin.DeviceId,
            twin.Kind,
            latest,
            twin.Online,
            twin.LastSeenMs,
            twin.Firmware,
            twin.Accepted,
            twin.Duplicates,
            twin.Rejected,
            twin.ActiveAlerts is { } alerts ? [.. alerts] : [],
            TwinStatus.Of(twin),
            twin.AirQuality,
            FootfallTwin.StatusOf(twin),
            BusPriorityTwin.StatusOf(twin),
            twin.Registration,
            twin.Decommissioned,
            policy is null ? null : JunctionPolicy.Report(policy),
            twin.PriorityOverrides,
            twin.BoundAtMs);
    }
}
