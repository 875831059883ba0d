namespace UrbanTwin.TimeSeries.LineProtocol;

/// <summary>A point InfluxDB would reject (NaN, an empty tag value, a newline, no field...), refused before it is sent.</summary>
public sealed class LineProtocolException(string message) : Exception(message);
