namespace UrbanTwin.TwinApi.Live;

/// <summary>The data of an <c>event: lagged</c>: how many events this stream lost because it read too slowly.</summary>
public sealed record LaggedNote(long Dropped);
