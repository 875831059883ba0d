using Microsoft.OpenApi;
using UrbanTwin.Grains.Abstractions.Spatial;
using static UrbanTwin.TwinApi.Reference.ApiSchemas;

namespace UrbanTwin.TwinApi.Reference;

/// <summary>The parameters several routes share, described once.</summary>
public static class ApiParameters
{
    public static readonly ParameterDoc AssetId = new("id", "The asset id (`^[a-z0-9][a-z0-9-]{2,63}$`).", () => String(pattern: "^[a-z0-9][a-z0-9-]{2,63}$"), Example: "aq-camden-01", In: ParameterLocation.Path);

    public static readonly ParameterDoc AreaId = new("areaId", "The area id (a London borough's ONS code such as `E09000007`, or an id given when the area was added).", () => String(), Example: "E09000007", In: ParameterLocation.Path);

    public static readonly ParameterDoc Kind = new("kind", "Only assets of this kind.", () => Ref("DeviceKind"), Example: "air-quality");

    public static readonly ParameterDoc Status = new("status", "Only assets with this status: `ok`, `alert` (an active alert) or `offline`.", () => Enum(null, "ok", "alert", "offline"));

    public static readonly ParameterDoc Limit = new("limit", $"Assets per page, 1 to {SpatialSearch.MaxLimit:N0} (default 100).", () => Integer(minimum: 1, maximum: SpatialSearch.MaxLimit));

    public static readonly ParameterDoc Cursor = new("cursor", "The `cursor` of the previous page, to read the next one (with the same other parameters).", () => String());

    public static readonly ParameterDoc Bbox = new(
        "bbox",
        "A box: `minLon,minLat,maxLon,maxLat` in degrees. A `minLon` greater than `maxLon` crosses the antimeridian.",
        () => String(pattern: "^[^,]+,[^,]+,[^,]+,[^,]+$"),
        Example: "-0.1445,51.5005,-0.1105,51.5205");

    public static readonly ParameterDoc Area = new("area", "Only assets in this area (an id of `GET /api/areas`).", () => String(), Example: "E09000007");

    public static readonly ParameterDoc From = new("from", "The start of the range, included: an RFC 3339 time (encode a `+` offset as `%2B`, or use `Z`) from 1970 to 9999.", () => String(format: "date-time"), Example: "2026-11-23T00:00:00Z");

    public static readonly ParameterDoc To = new("to", "The end of the range, excluded: an RFC 3339 time; default now.", () => String(format: "date-time"), Example: "2026-11-24T00:00:00Z");
}
