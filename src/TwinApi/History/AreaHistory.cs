using UrbanTwin.Contracts;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TwinApi.History;

/// <summary>
/// One field over every asset of a kind in an area: one <see cref="Agg"/> value per window of
/// <see cref="Every"/> (an ISO 8601 duration), oldest first, in the same shape as <see cref="AssetHistory"/>.
/// </summary>
public sealed record AreaHistory(
    string Area,
    DeviceKind Kind,
    DateTimeOffset From,
    DateTimeOffset To,
    string Every,
    Aggregate Agg,
    IReadOnlyDictionary<string, string> Units,
    IReadOnlyDictionary<string, IReadOnlyList<HistoryPoint>> Series);
