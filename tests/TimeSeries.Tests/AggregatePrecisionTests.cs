using UrbanTwin.Contracts.Fields;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TimeSeries.Tests;

/// <summary>A window's value as the API gives it: means and sums to their precision, readings and counts as they are.</summary>
public sealed class AggregatePrecisionTests
{
    private static readonly ContractField No2 = ContractSchemas.AirQualityTelemetry.Find("no2")!;

    [Theory]
    [InlineData(Aggregate.Mean, 34.333333333333336, 34.33)]
    [InlineData(Aggregate.Sum, 41.300000000000004, 41.3)]
    [InlineData(Aggregate.Min, 12.345, 12.345)]
    [InlineData(Aggregate.Max, 12.345, 12.345)]
    [InlineData(Aggregate.Last, 12.345, 12.345)]
    [InlineData(Aggregate.Count, 7, 7)]
    public void Means_and_sums_of_tenths_are_rounded_and_readings_are_not(Aggregate aggregate, double value, double expected)
    {
        Assert.Equal(expected, aggregate.Round(No2, value));
    }
}
