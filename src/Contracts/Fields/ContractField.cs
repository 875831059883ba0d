using System.Globalization;
using System.Text;

namespace UrbanTwin.Contracts.Fields;

/// <summary>
/// One field of a contract message: its name, how it is read, its unit, valid range and
/// classification. Numeric fields are stored in <see cref="Slot"/> of a reading's values; text
/// fields in slot <see cref="Slot"/> of a request's or status's strings.
/// </summary>
public sealed class ContractField
{
    private ContractField(string name, FieldType type, int slot, string unit, double min, double max, bool required, bool nullable, FieldClassification classification, TextRule? textRule)
    {
        Name = name;
        Utf8Name = Encoding.UTF8.GetBytes(name);
        Type = type;
        Slot = slot;
        Unit = unit;
        Min = min;
        Max = max;
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

    public bool Required { get; }

    /// <summary>Whether <c>null</c> is accepted (a failed channel); it decodes as absent.</summary>
    public bool Nullable { get; }

    public FieldClassification Classification { get; }

    public TextRule? TextRule { get; }

    public bool IsNumeric => Type is FieldType.Number or FieldType.Integer;

    public static ContractField Sequence() =>
        new("seq", FieldType.Sequence, -1, "", 0, uint.MaxValue, true, false, FieldClassification.Internal, null);

    public static ContractField Timestamp() =>
        new("ts", FieldType.Timestamp, -1, "ms", 0, 253_402_300_799_999, true, false, FieldClassification.Open, null);

    public static ContractField Number(string name, int slot, string unit, double min, double max, FieldClassification classification, bool required = false, bool nullable = true) =>
        new(name, FieldType.Number, slot, unit, min, max, required, nullable, classification, null);

    public static ContractField Integer(string name, int slot, string unit, double min, double max, FieldClassification classification, bool required = false, bool nullable = true) =>
        new(name, FieldType.Integer, slot, unit, min, max, required, nullable, classification, null);

    public static ContractField Text(string name, int slot, TextRule rule, FieldClassification classification, bool required) =>
        new(name, FieldType.Text, slot, "", 0, 0, required, false, classification, rule);

    /// <summary>The range in words, for error messages: "between 0 and 2000 µg/m³".</summary>
    public string DescribeRange()
    {
        var unit = Unit.Length == 0 || Type is FieldType.Sequence or FieldType.Timestamp ? "" : " " + Unit;
        var kind = Type is FieldType.Integer or FieldType.Sequence or FieldType.Timestamp ? "an integer" : "a number";
        return string.Create(CultureInfo.InvariantCulture, $"{kind} between {Min} and {Max}{unit}");
    }

    public override string ToString() => Name;
}
