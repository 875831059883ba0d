namespace UrbanTwin.TwinApi.History;

/// <summary>A value at a time, as history answers it: <c>{ "t": RFC 3339, "v": number }</c> (a window's time is its start).</summary>
public readonly record struct HistoryPoint(DateTimeOffset T, double V);
