using System.Globalization;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.TwinApi.Assets;
using UrbanTwin.TwinApi.Problems;

namespace UrbanTwin.TwinApi.Spatial;

/// <summary>
/// Reads the query string of the spatial routes strictly: <c>bbox=minLon,minLat,maxLon,maxLat</c>
/// (minLon greater than maxLon crosses the antimeridian), <c>near=lon,lat</c> with <c>radius</c>
/// (metres) or <c>k</c>, and <c>kind</c>, <c>status</c>, <c>limit</c>, <c>cursor</c>.
/// Each mistake becomes the problem that names it.
/// </summary>
public static class SpatialParameters
{
    public const int DefaultLimit = 100;

    public static readonly string[] Statuses = [AssetStatus.Ok, AssetStatus.Alert, AssetStatus.Offline];

    public static bool TryFilter(IQueryCollection query, IReadOnlyCollection<string>? scope, out SpatialFilter filter, out ApiProblemResult? problem)
    {
        filter = SpatialFilter.None;
        problem = null;
        if (!KindParameter.TryOptional(query["kind"] is { Count: > 0 } text ? text.ToString() : null, out var kind, out problem))
        {
            return false;
        }

        string? status = null;
        if (query["status"] is { Count: > 0 } statusText)
        {
            status = statusText.ToString();
            if (!Statuses.Contains(status))
            {
                problem = new(ApiProblems.BadQuery, $"status must be one of {string.Join(", ", Statuses)}");
                return false;
            }
        }

        filter = new SpatialFilter(kind, status, scope);
        return true;
    }

    /// <summary>The paging cursor, or null on a first page.</summary>
    public static string? Cursor(IQueryCollection query) => query["cursor"].ToString() is { Length: > 0 } cursor ? cursor : null;

    public static bool TryLimit(IQueryCollection query, int max, out int limit, out ApiProblemResult? problem)
    {
        limit = DefaultLimit;
        problem = null;
        if (query["limit"] is { Count: > 0 } text && (!int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > max))
        {
            problem = new(ApiProblems.BadQuery, $"limit must be a whole number from 1 to {max}");
            return false;
        }

        return true;
    }

    public static bool TryBox(string text, out GeoBox box, out ApiProblemResult? problem)
    {
        box = default!;
        problem = null;
        if (!TryNumbers(text, 4, out var n))
        {
            problem = new(ApiProblems.BadBbox, "bbox must be minLon,minLat,maxLon,maxLat: four numbers");
            return false;
        }

        if (n[0] is < -180 or > 180 || n[2] is < -180 or > 180 || n[1] is < -90 or > 90 || n[3] is < -90 or > 90)
        {
            problem = new(ApiProblems.BadBbox, "bbox longitudes must be within -180..180 and latitudes within -90..90");
            return false;
        }

        if (n[1] > n[3])
        {
            problem = new(ApiProblems.BadBbox, "bbox minLat is above maxLat");
            return false;
        }

        box = new GeoBox(n[0], n[1], n[2], n[3]);
        return true;
    }

    public static bool TryPoint(string text, out double longitude, out double latitude, out ApiProblemResult? problem)
    {
        longitude = latitude = 0;
        problem = null;
        if (!TryNumbers(text, 2, out var n) || n[0] is < -180 or > 180 || n[1] is < -90 or > 90)
        {
            problem = new(ApiProblems.BadPoint, "near must be lon,lat with longitude within -180..180 and latitude within -90..90");
            return false;
        }

        (longitude, latitude) = (n[0], n[1]);
        return true;
    }

    public static bool TryRadius(string text, double max, out double radius, out ApiProblemResult? problem)
    {
        problem = null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out radius) || !double.IsFinite(radius) || radius <= 0 || radius > max)
        {
            problem = new(ApiProblems.RadiusTooLarge, $"radius must be more than 0 and at most {max.ToString(CultureInfo.InvariantCulture)} metres");
            return false;
        }

        return true;
    }

    private static bool TryNumbers(string text, int count, out double[] numbers)
    {
        numbers = new double[count];
        var parts = text.Split(',');
        if (parts.Length != count)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i]))
            {
                return false;
            }
        }

        return true;
    }
}
