using System.Globalization;
using System.Text;

namespace UrbanTwin.Contracts.Fields;

/// <summary>
/// One field of a contract message: its name, how it is read, its unit, valid range, decimals and
/// classification. Numeric fields are stored in <see cref="Slot"/> of a reading's values; text
/// fields in slot <see cref="Slot"/> of a request's or status's strings.
/// </summary>
public sealed class ContractField
{
    private ContractField(string name, FieldType type, int slot, string unit, double min, double max, int? decimals, bool required, bool nullable, FieldClassification classification, TextRule? textRule)
    {
        Name = name;
        Utf8Name = Encoding.UTF8.GetBytes(name);
        Type = type;
        Slot = slot;
        Unit = unit;
        Min = min;
        Max = max;
        Decimals = decimals;
        Required = required;
        Nullable = nullable;
        Classification = classification;
        TextRule = textRule;
    }

    public string Name { get; }

    public byte[] Utf8Name { get; }

    public FieldType Type { get; }

    public int Slot { get; }

    public string Unit { get; }

    public double Min { get; }

    public double Max { get; }

    /// <summary>
    /// The decimals a reading of a numeric field is meaningful to, the resolution of the sensors
    /// that report it (tenths of µg/m³ or °C, hundredths of a volt, whole dBm; integers none); null
    /// for other fields. Devices may send more; the hub keeps what they send and gives what it
    /// computes from readings (means, sums) to this precision (<see cref="FieldPrecision"/>).
    /// </summary>
    public int? Decimals { get; }

    public bool Required { get; }

    /// <summary>Whether <c>null</c> is accepted (a failed channel); it decodes as absent.</summary>
    public bool Nullable { get; }

    public FieldClassification Classification { get; }

    public TextRule? TextRule { get; }

    public bool IsNumeric => Type is FieldType.Number or FieldType.Integer;

    /// <summary>A sum of this field's readings, to its decimals (a sum of tenths is in tenths).</summary>
    public double RoundSum(double sum) => FieldPrecision.Round(sum, RequireDecimals());

    /// <summary>A mean of this field's readings, to one decimal more than a reading.</summary>
    public double RoundMean(double mean) => FieldPrecision.Mean(mean, RequireDecimals());

    public static ContractField Sequence() =>
        new("seq", FieldType.Sequence, -1, "", 0, uint.MaxValue, null, true, false, FieldClassification.Internal, null);

    public static ContractField Timestamp() =>
        new("ts", FieldType.Timestamp, -1, "ms", 0, 253_402_300_799_999, null, true, false, FieldClassification.Open, null);

    public static ContractField Number(string name, int slot, string unit, double min, double max, FieldClassification classification, int decimals, bool required = false, bool nullable = true) =>
        new(name, FieldType.Number, slot, unit, min, max, decimals, required, nullable, classification, null);

    public static ContractField Integer(string name, int slot, string unit, double min, double max, FieldClassification classification, bool required = false, bool nullable = true) =>
        new(name, FieldType.Integer, slot, unit, min, max, 0, required, nullable, classification, null);

    public static ContractField Text(string name, int slot, TextRule rule, FieldClassification classification, bool required) =>
        new(name, FieldType.Text, slot, "", 0, 0, null, required, false, classification, rule);

    /// <summary>The range in words, for error messages: "between 0 and 2000 µg/m³".</summary>
    public string DescribeRange()
    {
        var unit = Unit.Length == 0 || Type is FieldType.Sequence or FieldType.Timestamp ? "" : " " + Unit;
        var kind = Type is FieldType.Integer or FieldType.Sequence or FieldType.Timestamp ? "an integer" : "a number";
        return string.Create(CultureInfo.InvariantCulture, $"{kind} between {Min} and {Max}{unit}");
    }

    public override string ToString() => Name;

    private int RequireDecimals() => Decimals ?? throw new InvalidOperationException($"{Name} is not a number.");
}
