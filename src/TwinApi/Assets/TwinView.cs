using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.BusPriority;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.TwinApi.Assets;

/// <summary>
/// A twin as operators read it: the asset, connection, latest value of every field with its unit
/// and time, derived status for its kind, active alerts and counters. Times are RFC 3339 (UTC):
/// the twin keeps epoch milliseconds, which the views of its derived status turn into times.
/// </summary>
public sealed record TwinView(
    AssetView Asset,
    bool Online,
    DateTimeOffset? LastSeen,
    string? Firmware,
    IReadOnlyDictionary<string, TwinView.LatestValue> Latest,
    TwinView.AirQualityView? AirQuality,
    TwinView.FootfallView? Footfall,
    TwinView.BusPriorityView? BusPriority,
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
            twin.AirQuality is { } air ? AirQualityView.Of(air) : null,
            twin.Footfall is { } footfall ? FootfallView.Of(footfall) : null,
            twin.BusPriority is { } priority ? BusPriorityView.Of(priority) : null,
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

    /// <summary>The station's DAQI for the hour starting at <see cref="HourStart"/> (see <see cref="AirQualityStatus"/>).</summary>
    public sealed record AirQualityView(DateTimeOffset HourStart, int? Index, string? Band, string? WorstPollutant, int? Pm25Index, int? Pm10Index, int? No2Index, int? O3Index)
    {
        public static AirQualityView Of(AirQualityStatus status) =>
            new(DateTimeOffset.FromUnixTimeMilliseconds(status.HourStartMs), status.Index, status.Band, status.WorstPollutant, status.Pm25Index, status.Pm10Index, status.No2Index, status.O3Index);
    }

    /// <summary>The counter's totals for the hour starting at <see cref="HourStart"/> and for its local <see cref="Day"/>.</summary>
    public sealed record FootfallView(DateTimeOffset HourStart, long HourIn, long HourOut, DateOnly Day, long DayIn, long DayOut)
    {
        public static FootfallView Of(FootfallStatus status) =>
            new(DateTimeOffset.FromUnixTimeMilliseconds(status.HourStartMs), status.HourIn, status.HourOut, status.Day, status.DayIn, status.DayOut);
    }

    /// <summary>
    /// The junction's priority statistics and its recent decisions, newest first (see
    /// <see cref="BusPriorityStatus"/>); a route's mean lateness to one decimal more than a request's <c>lateSeconds</c>.
    /// </summary>
    public sealed record BusPriorityView(
        long Requests,
        long Granted,
        long Denied,
        IReadOnlyDictionary<string, long> Reasons,
        IReadOnlyList<DecisionView> RecentDecisions,
        IReadOnlyDictionary<string, RouteStatistics> Routes,
        RouteStatistics? OtherRoutes)
    {
        private static readonly ContractField Lateness = ContractSchemas.BusPriorityRequest.Find("lateSeconds")!;

        public static BusPriorityView Of(BusPriorityStatus status) =>
            new(
                status.Requests,
                status.Granted,
                status.Denied,
                status.Reasons,
                [.. status.RecentDecisions.Select(DecisionView.Of)],
                status.Routes.ToDictionary(route => route.Key, route => Rounded(route.Value), StringComparer.Ordinal),
                status.OtherRoutes is { } others ? Rounded(others) : null);

        private static RouteStatistics Rounded(RouteStatistics route) =>
            route with { MeanGrantedLatenessSeconds = route.MeanGrantedLatenessSeconds is { } mean ? Lateness.RoundMean(mean) : null };
    }

    /// <summary>One decision as the hub took it, <see cref="DecidedAt"/> by the hub's clock.</summary>
    public sealed record DecisionView(uint RequestSeq, PriorityOutcome Decision, PriorityAction Action, int Seconds, string Reason, DateTimeOffset DecidedAt)
    {
        public static DecisionView Of(PriorityDecision decision) =>
            new(decision.RequestSeq, decision.Decision, decision.Action, decision.Seconds, decision.Reason, DateTimeOffset.FromUnixTimeMilliseconds(decision.DecidedAtMs));
    }
}
