namespace UrbanTwin.Contracts.Fields;

/// <summary>
/// Numbers given to the precision they have. A reading has its field's
/// <see cref="ContractField.Decimals"/>; a mean of readings one decimal more (it is known better
/// than any one reading, not to the last bit of a double: a mean of 22.2 and 22.225 readings summed
/// in binary prints as 22.212500000000006). Rounding is half to even, so that many rounded means
/// are not biased upwards, and is done in decimal after taking the double to 15 significant digits,
/// the digits a double holds: 22.212500000000006 is the half 22.2125 and becomes 22.21.
/// </summary>
public static class FieldPrecision
{
    /// <summary>A mean has this many decimals more than the values it is the mean of.</summary>
    public const int MeanExtraDecimals = 1;

    /// <summary>The mean of values given to <paramref name="valueDecimals"/> decimals, to one decimal more.</summary>
    public static double Mean(double mean, int valueDecimals) => Round(mean, valueDecimals + MeanExtraDecimals);

    /// <summary><paramref name="value"/> to <paramref name="decimals"/> decimals; NaN, infinities and values of 10^15 or more (which have no decimals left) as they are.</summary>
    public static double Round(double value, int decimals) =>
        Math.Abs(value) < 1e15 ? (double)Math.Round((decimal)value, decimals, MidpointRounding.ToEven) : value;
}
