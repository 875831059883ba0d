namespace UrbanTwin.TimeSeries.Series;

/// <summary>One column of a multi-field window query: a field of the kind and how its window is summed up.</summary>
public readonly record struct FieldAggregate(string Field, Aggregate Aggregate);
