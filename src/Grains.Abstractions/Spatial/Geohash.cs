namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// Geohash cells: the map split into a fixed grid of lon/lat rectangles, each named by a short
/// base-32 string. The cluster keeps one cell grain per precision-<see cref="CellPrecision"/>
/// geohash (about 4.9 km × 4.9 km at the equator, 4.9 km × 3 km in London), which keeps a city's
/// assets spread over many grains while a radius of a few kilometres touches only a few dozen.
/// </summary>
public static class Geohash
{
    /// <summary>The precision of the cluster's cell grains.</summary>
    public const int CellPrecision = 5;

    private const string Alphabet = "0123456789bcdefghjkmnpqrstuvwxyz";

    /// <summary>The geohash of a point; longitude −180..180, latitude −90..90.</summary>
    public static string Encode(double longitude, double latitude, int precision = CellPrecision)
    {
        Check(longitude, latitude);
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, 12);
        double lonMin = -180, lonMax = 180, latMin = -90, latMax = 90;
        var chars = new char[precision];
        var even = true;
        for (var i = 0; i < precision; i++)
        {
            var value = 0;
            for (var bit = 4; bit >= 0; bit--)
            {
                if (even)
                {
                    var mid = (lonMin + lonMax) / 2;
                    if (longitude >= mid)
                    {
                        value |= 1 << bit;
                        lonMin = mid;
                    }
                    else
                    {
                        lonMax = mid;
                    }
                }
                else
                {
                    var mid = (latMin + latMax) / 2;
                    if (latitude >= mid)
                    {
                        value |= 1 << bit;
                        latMin = mid;
                    }
                    else
                    {
                        latMax = mid;
                    }
                }

                even = !even;
            }

            chars[i] = Alphabet[value];
        }

        return new string(chars);
    }

    /// <summary>The size of a cell in degrees (longitude width, latitude height).</summary>
    public static (double Width, double Height) CellSize(int precision = CellPrecision)
    {
        var bits = 5 * precision;
        var lonBits = (bits + 1) / 2;
        var latBits = bits / 2;
        return (360.0 / (1L << lonBits), 180.0 / (1L << latBits));
    }

    /// <summary>
    /// Every cell that intersects the box. A box with <paramref name="minLongitude"/> greater than
    /// <paramref name="maxLongitude"/> crosses the antimeridian and is split in two.
    /// </summary>
    public static IReadOnlyCollection<string> CoveringCells(double minLongitude, double minLatitude, double maxLongitude, double maxLatitude, int precision = CellPrecision)
    {
        Check(minLongitude, minLatitude);
        Check(maxLongitude, maxLatitude);
        if (minLatitude > maxLatitude)
        {
            throw new ArgumentException("minLatitude is above maxLatitude", nameof(minLatitude));
        }

        var cells = new HashSet<string>(StringComparer.Ordinal);
        if (minLongitude > maxLongitude)
        {
            Cover(cells, minLongitude, minLatitude, 180, maxLatitude, precision);
            Cover(cells, -180, minLatitude, maxLongitude, maxLatitude, precision);
        }
        else
        {
            Cover(cells, minLongitude, minLatitude, maxLongitude, maxLatitude, precision);
        }

        return cells;
    }

    private static void Cover(HashSet<string> cells, double minLon, double minLat, double maxLon, double maxLat, int precision)
    {
        var (width, height) = CellSize(precision);
        var firstColumn = (long)Math.Floor((minLon + 180) / width);
        var lastColumn = Math.Min((long)Math.Floor((maxLon + 180) / width), (long)Math.Round(360 / width) - 1);
        var firstRow = (long)Math.Floor((minLat + 90) / height);
        var lastRow = Math.Min((long)Math.Floor((maxLat + 90) / height), (long)Math.Round(180 / height) - 1);
        if ((lastColumn - firstColumn + 1) * (lastRow - firstRow + 1) > 100_000)
        {
            throw new ArgumentException("the box covers more than 100,000 cells; query a smaller area");
        }

        for (var row = firstRow; row <= lastRow; row++)
        {
            for (var column = firstColumn; column <= lastColumn; column++)
            {
                cells.Add(Encode(-180 + ((column + 0.5) * width), -90 + ((row + 0.5) * height), precision));
            }
        }
    }

    private static void Check(double longitude, double latitude)
    {
        if (!double.IsFinite(longitude) || longitude is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "longitude must be between -180 and 180");
        }

        if (!double.IsFinite(latitude) || latitude is < -90 or > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), latitude, "latitude must be between -90 and 90");
        }
    }
}
