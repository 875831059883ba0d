using UrbanTwin.Contracts.Fields;

namespace UrbanTwin.TimeSeries.Series;

/// <summary>
/// A window's value to the precision it has (see <see cref="FieldPrecision"/>): a mean to one
/// decimal more than the field's readings, a sum to their decimals; min, max and last are readings
/// and count a count, given as they are. Both stores compute in binary floating point, so their
/// means and sums carry digits no reading had.
/// </summary>
public static class AggregatePrecision
{
    public static double Round(this Aggregate aggregate, ContractField field, double value) => aggregate switch
    {
        Aggregate.Mean => field.RoundMean(value),
        Aggregate.Sum => field.RoundSum(value),
        _ => value,
    };
}
