namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>
/// The semantic types of the DTDL QuantitativeTypes extension (v1) this node understands, with
/// the units each allows: those the product's models use and their near kin. A semantic type
/// outside this list is refused rather than accepted unchecked.
/// </summary>
public static class QuantitativeUnits
{
    public const string Context = "dtmi:dtdl:extension:quantitativeTypes;1";

    private static readonly string[] Unitless = ["partsPerBillion", "partsPerMillion", "partsPerQuadrillion", "partsPerTrillion", "percent", "unity"];
    private static readonly string[] Density = ["gramPerCubicMetre", "kilogramPerCubicMetre", "microgramPerCubicMetre", "milligramPerCubicMetre"];
    private static readonly string[] Lengths = ["astronomicalUnit", "centimetre", "foot", "inch", "kilometre", "metre", "micrometre", "mile", "millimetre", "nanometre", "nauticalMile"];

    private static readonly Dictionary<string, HashSet<string>> Units = new(StringComparer.Ordinal)
    {
        ["Area"] = Set("acre", "hectare", "squareCentimetre", "squareFoot", "squareInch", "squareKilometre", "squareMetre", "squareMillimetre"),
        ["Concentration"] = Set(Unitless),
        ["Density"] = Set(Density),
        ["Distance"] = Set(Lengths),
        ["Humidity"] = Set(Density),
        ["Length"] = Set(Lengths),
        ["RelativeDensity"] = Set(Unitless),
        ["RelativeHumidity"] = Set(Unitless),
        ["Temperature"] = Set("degreeCelsius", "degreeFahrenheit", "kelvin"),
        ["TimeSpan"] = Set("day", "hour", "microsecond", "millisecond", "minute", "nanosecond", "second", "year"),
        ["Velocity"] = Set("centimetrePerSecond", "kilometrePerHour", "kilometrePerSecond", "knot", "metrePerHour", "metrePerSecond", "milePerHour", "milePerSecond"),
        ["Voltage"] = Set("kilovolt", "megavolt", "microvolt", "millivolt", "volt"),
        ["SoundPressure"] = Set("bel", "decibel"),
        ["Pressure"] = Set("bar", "decapascal", "hectopascal", "inchesOfMercury", "inchesOfWater", "kilopascal", "millibar", "millimetresOfMercury", "pascal", "poundPerSquareInch"),
        ["Power"] = Set("gigawatt", "kilowatt", "megawatt", "microwatt", "milliwatt", "watt"),
        ["Illuminance"] = Set("footcandle", "lux"),
    };

    public static bool IsSemanticType(string type) => Units.ContainsKey(type);

    public static bool Allows(string semanticType, string unit) => Units.TryGetValue(semanticType, out var units) && units.Contains(unit);

    private static HashSet<string> Set(params string[] units) => new(units, StringComparer.Ordinal);
}
