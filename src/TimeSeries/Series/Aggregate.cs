namespace UrbanTwin.TimeSeries.Series;

/// <summary>The window aggregates both stores compute alike.</summary>
public enum Aggregate
{
    Mean = 1,
    Min = 2,
    Max = 3,
    Count = 4,
    Sum = 5,
    Last = 6,
}
