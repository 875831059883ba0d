namespace UrbanTwin.EndToEnd.Bench;

/// <summary>A latency distribution in milliseconds: median, 99th percentile, maximum and sample count.</summary>
public sealed record Percentiles(double P50, double P99, double Max, int Samples);
