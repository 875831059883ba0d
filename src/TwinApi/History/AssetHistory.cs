using UrbanTwin.Contracts;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TwinApi.History;

/// <summary>
/// An asset's history: raw points, or (with <see cref="Every"/>, an ISO 8601 duration) one
/// <see cref="Agg"/> value per window, per field, oldest first; <see cref="Units"/> gives each field's unit.
/// </summary>
public sealed record AssetHistory(
    string Asset,
    DeviceKind Kind,
    DateTimeOffset From,
    DateTimeOffset To,
    string? Every,
    Aggregate? Agg,
    IReadOnlyDictionary<string, string> Units,
    IReadOnlyDictionary<string, IReadOnlyList<HistoryPoint>> Series);
