using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.TwinApi.GeoJson;
using UrbanTwin.TwinApi.Json;

namespace UrbanTwin.TwinApi.Spatial;

/// <summary>
/// A page of assets found by place, as JSON (<c>{ items, cursor, next }</c>) or, when the client
/// accepts <c>application/geo+json</c>, as a GeoJSON FeatureCollection of points with the same
/// properties and <c>cursor</c>/<c>next</c> as foreign members. <c>next</c> is the URL of the
/// following page; both are absent on the last page.
/// </summary>
public sealed class AssetListing(SpatialPage page) : IResult
{
    public const string GeoJsonMediaType = "application/geo+json";

    public static bool WantsGeoJson(HttpRequest request)
    {
        foreach (var value in request.GetTypedHeaders().Accept)
        {
            if (value.MediaType.Equals(GeoJsonMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var geoJson = WantsGeoJson(httpContext.Request);
        httpContext.Response.ContentType = geoJson ? GeoJsonMediaType : "application/json; charset=utf-8";
        httpContext.Response.Headers.Vary = HeaderNames.Accept;
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, ApiJson.WriterOptions);
        writer.WriteStartObject();
        if (geoJson)
        {
            writer.WriteString("type", "FeatureCollection");
            writer.WriteStartArray("features");
            foreach (var hit in page.Items)
            {
                GeoJsonWriter.StartPointFeature(writer, hit.Entry.AssetId, hit.Entry.Longitude, hit.Entry.Latitude);
                WriteProperties(writer, hit, withLocation: false);
                GeoJsonWriter.EndFeature(writer);
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteStartArray("items");
            foreach (var hit in page.Items)
            {
                writer.WriteStartObject();
                WriteProperties(writer, hit, withLocation: true);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (page.NextCursor is { } cursor)
        {
            writer.WriteString("cursor", cursor);
            writer.WriteString("next", NextUrl(httpContext.Request, cursor));
        }

        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    private static void WriteProperties(Utf8JsonWriter writer, SpatialHit hit, bool withLocation)
    {
        var entry = hit.Entry;
        writer.WriteString("id", entry.AssetId);
        writer.WriteString("kind", entry.Kind.ToSegment());
        if (entry.Name is { } name)
        {
            writer.WriteString("name", name);
        }

        if (withLocation)
        {
            writer.WriteStartObject("location");
            writer.WriteNumber("lon", entry.Longitude);
            writer.WriteNumber("lat", entry.Latitude);
            writer.WriteEndObject();
        }

        if (entry.AreaId is { } area)
        {
            writer.WriteString("area", area);
        }

        writer.WriteString("status", entry.Status);
        if (entry.Band is { } band)
        {
            writer.WriteString("band", band);
        }

        if (hit.DistanceMetres is { } distance)
        {
            writer.WriteNumber("distanceMetres", Math.Round(distance, 3));
        }
    }

    private static string NextUrl(HttpRequest request, string cursor)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            if (key != "cursor")
            {
                query[key] = value.ToString();
            }
        }

        query["cursor"] = cursor;
        return QueryHelpers.AddQueryString(request.PathBase + request.Path, query);
    }
}
