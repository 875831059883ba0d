using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.TimeSeries.Series;

/// <summary>One reading of one asset as the time series stores it: kind, asset, area, time, values.</summary>
public readonly record struct SeriesPoint(DeviceKind Kind, string AssetId, string? AreaId, Reading Reading);
