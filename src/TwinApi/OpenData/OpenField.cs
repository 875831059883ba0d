using UrbanTwin.Contracts.Fields;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>
/// A contract field the open data publishes (see <see cref="OpenFields"/>). A count of people is
/// summed over a window and published only when it reaches k; every other field is averaged.
/// </summary>
public sealed class OpenField(ContractField contract)
{
    /// <summary>The contract's unit of a count of people.</summary>
    public const string PeopleUnit = "people";

    public string Name => contract.Name;

    public string Unit => contract.Unit;

    public bool IsPeopleCount { get; } = contract.Unit == PeopleUnit;

    /// <summary>How a window of readings is summed up: counts add up, measurements average.</summary>
    public Aggregate Window => IsPeopleCount ? Aggregate.Sum : Aggregate.Mean;

    /// <summary>A window's value as published: a mean to one decimal more than the field's readings, a sum to their decimals.</summary>
    public double Published(double windowValue) => Window.Round(contract, windowValue);

    /// <summary>Whether <paramref name="value"/> must be withheld: a count of fewer than <paramref name="suppressBelow"/> people (zero included, or a published zero would tell the small ones apart).</summary>
    public bool IsSuppressed(double value, int suppressBelow) => IsPeopleCount && value < suppressBelow;

    public override string ToString() => Name;
}
