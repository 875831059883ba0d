using System.Text.Json;
using UrbanTwin.Contracts.Fields;

namespace UrbanTwin.Contracts.Tests;

/// <summary>Every number of the contract has its decimals, and means and sums are given to them (<see cref="FieldPrecision"/>).</summary>
public sealed class FieldPrecisionTests
{
    public static TheoryData<string, string> Fields => new(ContractSchemas.All.SelectMany(s => s.Fields.Select(f => (s.SchemaFile, f.Name))));

    [Theory]
    [MemberData(nameof(Fields))]
    public void Every_numeric_field_has_decimals_and_no_other_field_has(string schemaFile, string name)
    {
        var field = ContractSchemas.All.Single(s => s.SchemaFile == schemaFile).Find(name)!;

        if (field.Type == FieldType.Integer)
        {
            Assert.Equal(0, field.Decimals);
        }
        else if (field.IsNumeric)
        {
            Assert.InRange(field.Decimals!.Value, 0, 3);
        }
        else
        {
            Assert.Null(field.Decimals);
        }
    }

    [Theory]
    [InlineData(new[] { 22.1, 22.1, 22.1, 22.2 }, 1, "22.12")] // 22.125000000000004 in binary: the half 22.125, to even
    [InlineData(new[] { 22.2, 22.1, 22.1, 22.1 }, 1, "22.12")] // the same readings added in another order
    [InlineData(new[] { 21.3, 21.3, 21.3, 21.4 }, 1, "21.32")] // 21.325000000000003
    [InlineData(new[] { 18.7, 18.7, 18.7, 18.8 }, 1, "18.72")] // 18.724999999999998
    [InlineData(new[] { 0.1, 0.2 }, 1, "0.15")] // 0.15000000000000002
    [InlineData(new[] { 40.0, 43.0, 20.0 }, 1, "34.33")] // 34.333333333333336
    [InlineData(new[] { 1.0, 1.0, 1.0, 2.0 }, 0, "1.2")] // whole values: a mean in tenths
    [InlineData(new[] { 3.71, 3.72 }, 2, "3.715")]
    [InlineData(new[] { -71.0, -72.0, -72.0 }, 0, "-71.7")]
    public void A_mean_has_one_decimal_more_than_its_values_and_prints_as_short_as_that(double[] values, int decimals, string json)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        var mean = FieldPrecision.Mean(sum / values.Length, decimals);

        Assert.Equal(json, JsonSerializer.Serialize(mean));
    }

    [Theory]
    [InlineData(0.125, 2, 0.12)]
    [InlineData(0.135, 2, 0.14)]
    [InlineData(-0.125, 2, -0.12)]
    [InlineData(2.5, 0, 2)]
    [InlineData(3.5, 0, 4)]
    [InlineData(0.30000000000000004, 1, 0.3)]
    [InlineData(1e15, 2, 1e15)]
    [InlineData(123456789.123456, 3, 123456789.123)]
    public void Halves_round_to_even(double value, int decimals, double expected)
    {
        Assert.Equal(expected, FieldPrecision.Round(value, decimals));
    }

    [Fact]
    public void What_has_no_decimals_left_is_given_as_it_is()
    {
        Assert.Equal(double.NaN, FieldPrecision.Round(double.NaN, 1));
        Assert.Equal(double.PositiveInfinity, FieldPrecision.Round(double.PositiveInfinity, 1));
        Assert.Equal(1.2345e17, FieldPrecision.Round(1.2345e17, 1));
    }

    [Fact]
    public void A_fields_mean_and_sum_follow_its_decimals()
    {
        var temperature = ContractSchemas.AirQualityTelemetry.Find("temperature")!;
        var battery = ContractSchemas.AirQualityTelemetry.Find("battery")!;
        var countIn = ContractSchemas.FootfallTelemetry.Find("countIn")!;

        Assert.Equal(22.12, temperature.RoundMean(22.125000000000004));
        Assert.Equal(0.3, temperature.RoundSum(0.1 + 0.2));
        Assert.Equal(3.715, battery.RoundMean(3.7150000000000003));
        Assert.Equal(12.3, countIn.RoundMean(37.0 / 3));
        Assert.Throws<InvalidOperationException>(() => ContractSchemas.BusPriorityRequest.Find("route")!.RoundMean(1));
    }
}
