namespace UrbanTwin.Grains.Abstractions.Twins;

/// <summary>Priority requests of one bus route at a junction, and how they were decided.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.RouteStatistics")]
public sealed record RouteStatistics(long Requests, long Granted, long Denied, double? MeanGrantedLatenessSeconds);
