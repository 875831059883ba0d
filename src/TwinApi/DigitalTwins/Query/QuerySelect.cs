namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>What a query selects: everything, a count, or projections; at most <see cref="Top"/> rows.</summary>
public sealed record QuerySelect(bool Star, bool Count, int? Top, IReadOnlyList<QueryProjection> Projections);
