namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>
/// A DTDL schema as the twin API checks values against it: a primitive (including the
/// geospatial ones), an Enum, an Array, a Map, an Object, or (for a Component) an Interface.
/// </summary>
public abstract record DtdlSchema
{
    /// <summary>A primitive schema by its DTDL name: <c>double</c>, <c>dateTime</c>, <c>point</c>…</summary>
    public sealed record Primitive(string Name) : DtdlSchema;

    public sealed record Enum(string ValueSchema, IReadOnlyList<object> Values) : DtdlSchema;

    public sealed record Array(DtdlSchema Element) : DtdlSchema;

    public sealed record Map(DtdlSchema Value) : DtdlSchema;

    public sealed record Object(IReadOnlyDictionary<string, DtdlSchema> Fields) : DtdlSchema;

    /// <summary>A Component's schema: the Interface it is.</summary>
    public sealed record Interface(string Id) : DtdlSchema;

    public static readonly IReadOnlySet<string> Numeric = new HashSet<string>(StringComparer.Ordinal) { "double", "float", "integer", "long" };

    public static readonly IReadOnlySet<string> Primitives = new HashSet<string>(StringComparer.Ordinal)
    {
        "boolean", "date", "dateTime", "double", "duration", "float", "integer", "long", "string", "time",
        "point", "lineString", "polygon", "multiPoint", "multiLineString", "multiPolygon",
    };

    public static readonly IReadOnlySet<string> Geospatial = new HashSet<string>(StringComparer.Ordinal)
    {
        "point", "lineString", "polygon", "multiPoint", "multiLineString", "multiPolygon",
    };
}
