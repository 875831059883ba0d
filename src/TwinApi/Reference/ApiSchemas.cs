using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using UrbanTwin.Contracts;

namespace UrbanTwin.TwinApi.Reference;

/// <summary>
/// Schemas of what the API writes or reads by hand (GeoJSON, pages of map hits, open data, problem
/// details), added to the document's components, and small builders for parameter schemas.
/// </summary>
public static class ApiSchemas
{
    public const string Problem = "Problem";
    public const string AssetPage = "AssetPage";
    public const string AssetFeatureCollection = "AssetFeatureCollection";
    public const string AreaFeature = "AreaFeature";
    public const string AreaGeometry = "AreaGeometry";
    public const string SearchArea = "SearchArea";
    public const string AssetImportCollection = "AssetImportCollection";
    public const string OpenDataCatalogue = "OpenDataCatalogue";
    public const string OpenFeatureCollection = "OpenFeatureCollection";

    public static IOpenApiSchema Ref(string id) => new OpenApiSchemaReference(id);

    public static OpenApiSchema String(string? description = null, string? format = null, string? pattern = null) =>
        new() { Type = JsonSchemaType.String, Description = description, Format = format, Pattern = pattern };

    public static OpenApiSchema Enum(string? description, params string[] values) =>
        new() { Type = JsonSchemaType.String, Description = description, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] };

    private static OpenApiSchema DaqiBandSchema() =>
        Enum("The DAQI band of an air-quality station with an index; absent for other assets.", System.Enum.GetNames<UrbanTwin.Grains.AirQuality.DaqiBand>());

    public static OpenApiSchema Const(string value) =>
        new() { Type = JsonSchemaType.String, Const = value };

    public static OpenApiSchema Integer(string? description = null, long? minimum = null, long? maximum = null) => new()
    {
        Type = JsonSchemaType.Integer,
        Description = description,
        Minimum = minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static OpenApiSchema Number(string? description = null) => new() { Type = JsonSchemaType.Number, Description = description };

    public static OpenApiSchema Boolean(string? description = null) => new() { Type = JsonSchemaType.Boolean, Description = description };

    public static OpenApiSchema Array(IOpenApiSchema items, string? description = null) => new() { Type = JsonSchemaType.Array, Items = items, Description = description };

    /// <summary>An object with the given properties; those marked with a leading <c>*</c> are required.</summary>
    public static OpenApiSchema Object(string? description, params (string Name, IOpenApiSchema Schema)[] properties) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Properties = properties.ToDictionary(p => p.Name.TrimStart('*'), p => p.Schema),
        Required = properties.Where(p => p.Name.StartsWith('*')).Select(p => p.Name[1..]).ToHashSet(),
    };

    public static OpenApiSchema Map(IOpenApiSchema values, string? description = null) =>
        new() { Type = JsonSchemaType.Object, AdditionalProperties = values, Description = description };

    /// <summary>The hand-written schemas, by component name.</summary>
    public static IReadOnlyDictionary<string, IOpenApiSchema> Components() => new Dictionary<string, IOpenApiSchema>
    {
        [Problem] = ProblemSchema(),
        ["FieldError"] = Object(
            "One thing wrong with a request's field (or, in an import, with a row).",
            ("row", Integer("The row of the import (1 is the first asset), for an import.", minimum: 1)),
            ("id", String("The row's asset id, for an import.")),
            ("*field", String("The field (JSON property or CSV column).")),
            ("*reason", String("What is wrong with it."))),
        ["PointGeometry"] = Object(
            "A GeoJSON Point (RFC 7946): longitude then latitude, WGS84 degrees.",
            ("*type", Const("Point")),
            ("*coordinates", new OpenApiSchema { Type = JsonSchemaType.Array, Items = Number(), MinItems = 2, MaxItems = 2 })),
        [AreaGeometry] = Object(
            "A GeoJSON Polygon or MultiPolygon (RFC 7946), WGS84 longitude/latitude: closed rings of at least 4 positions.",
            ("*type", Enum(null, "Polygon", "MultiPolygon")),
            ("*coordinates", Array(Array(Array(new OpenApiSchema
            {
                Description = "A coordinate (Polygon: rings of positions) or a position (MultiPolygon: polygons of rings).",
                OneOf = [Number(), Array(Number())],
            }))))),
        [SearchArea] = new OpenApiSchema
        {
            Description = "A GeoJSON Polygon or MultiPolygon, bare or as the geometry of a Feature.",
            OneOf =
            [
                Ref(AreaGeometry),
                Object(null, ("*type", Const("Feature")), ("*geometry", Ref(AreaGeometry)), ("properties", new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null })),
            ],
        },
        ["AssetHit"] = Object(
            "An asset found on the map.",
            ("*id", String("The asset id.")),
            ("*kind", Ref(nameof(DeviceKind))),
            ("name", String()),
            ("*location", Ref("AssetLocation")),
            ("area", String("The area the asset lies in, when it lies in one.")),
            ("*status", Enum("`ok`, `alert` (an active alert) or `offline`.", "ok", "alert", "offline")),
            ("band", DaqiBandSchema()),
            ("distanceMetres", Number("Distance from `near`, in metres (near queries only)."))),
        [AssetPage] = Object(
            "A page of assets found by place.",
            ("*items", Array(Ref("AssetHit"))),
            ("cursor", String("Passes to `cursor` for the next page; absent on the last page.")),
            ("next", String("The URL of the next page; absent on the last page."))),
        [AssetFeatureCollection] = Object(
            "A page of assets found by place as GeoJSON points; `cursor` and `next` are foreign members.",
            ("*type", Const("FeatureCollection")),
            ("*features", Array(PointFeature(Object(
                null,
                ("*id", String()),
                ("*kind", Ref(nameof(DeviceKind))),
                ("name", String()),
                ("area", String()),
                ("*status", Enum(null, "ok", "alert", "offline")),
                ("band", DaqiBandSchema()),
                ("distanceMetres", Number()))))),
            ("cursor", String()),
            ("next", String())),
        [AreaFeature] = Object(
            "An area's boundary as a GeoJSON Feature.",
            ("*type", Const("Feature")),
            ("*id", String("The area id.")),
            ("*geometry", Ref(AreaGeometry)),
            ("*properties", Object(null, ("*name", String()), ("*source", String("Where the boundary came from: the loaded file, or `api`."))))),
        [AssetImportCollection] = Object(
            "Assets to import: a GeoJSON FeatureCollection of Points, each feature's id the asset id.",
            ("*type", Const("FeatureCollection")),
            ("*features", Array(PointFeature(Object(
                null,
                ("*kind", Ref(nameof(DeviceKind))),
                ("*name", String()),
                ("deviceId", String()),
                ("metadata", Map(String()))))))),
        ["OpenLicence"] = Object(
            "The licence the open data is published under.",
            ("*name", String()),
            ("*url", String(format: "uri")),
            ("*attribution", String()),
            ("*publisher", String())),
        [OpenDataCatalogue] = Object(
            "What the open data holds: its licence and, per kind, its documents and fields.",
            ("*licence", Ref("OpenLicence")),
            ("*suppressBelow", Integer("Counts below this are published as suppressed, never as numbers.")),
            ("*kinds", Array(Object(
                null,
                ("*kind", Ref(nameof(DeviceKind))),
                ("*geojson", String("The path of the kind's latest readings as GeoJSON.")),
                ("*csv", String("The path of the kind's history as CSV.")),
                ("*fields", Array(Object(
                    null,
                    ("*name", String()),
                    ("unit", String()),
                    ("*window", Enum("How a window's readings are combined in the CSV.", "mean", "sum")),
                    ("suppressedBelow", Integer())))))))),
        [OpenFeatureCollection] = Object(
            "The latest open readings of every asset of a kind in service, as GeoJSON points.",
            ("*type", Const("FeatureCollection")),
            ("*kind", Ref(nameof(DeviceKind))),
            ("*licence", Ref("OpenLicence")),
            ("*features", Array(PointFeature(Object(
                null,
                ("*asset", String()),
                ("*name", String()),
                ("area", String()),
                ("areaName", String()),
                ("*readings", Map(Object(
                    "A field's latest reading; a count under the threshold is suppressed (`value` null).",
                    ("*value", new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null }),
                    ("suppressed", Boolean()),
                    ("unit", String()),
                ("*time", String(format: "date-time")))))))))),
    };

    /// <summary>A GeoJSON Point feature whose id is the asset id.</summary>
    private static OpenApiSchema PointFeature(IOpenApiSchema properties) =>
        Object(null, ("*type", Const("Feature")), ("*id", String()), ("*geometry", Ref("PointGeometry")), ("*properties", properties));

    private static OpenApiSchema ProblemSchema()
    {
        var schema = Object(
            "An error (RFC 9457 problem details). `type` is stable: switch on it, not on `title` or `detail`.",
            ("*type", String("`urn:urbantwin:problem:` and the problem's name.", pattern: "^urn:urbantwin:problem:[a-z-]+$")),
            ("*title", String("The problem type's short title.")),
            ("*status", Integer("The HTTP status.", minimum: 400, maximum: 599)),
            ("*detail", String("What was wrong with this request.")),
            ("instance", String()),
            ("traceId", String("The request's trace id, as logged.")),
            ("errors", Array(Ref("FieldError"), "Every field (or import row) that was wrong.")),
            ("path", String("Where in a GeoJSON body the problem is (a JSON path).")));
        schema.AdditionalProperties = new OpenApiSchema();
        return schema;
    }
}
