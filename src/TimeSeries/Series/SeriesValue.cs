namespace UrbanTwin.TimeSeries.Series;

/// <summary>A value at a time: a raw reading's field, or a window's aggregate (time = the window's start).</summary>
public readonly record struct SeriesValue(long TimestampMs, double Value);
