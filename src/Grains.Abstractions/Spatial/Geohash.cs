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
        var (columns, rows) = GridSize(precision);
        return (360.0 / columns, 180.0 / rows);
    }

    /// <summary>How many columns (of longitude) and rows (of latitude) the grid has at a precision.</summary>
    public static (long Columns, long Rows) GridSize(int precision = CellPrecision)
    {
        var bits = 5 * precision;
        return (1L << ((bits + 1) / 2), 1L << (bits / 2));
    }

    /// <summary>
    /// The grid column holding <paramref name="longitude"/> (0 at −180°), exactly as
    /// <see cref="Encode"/> decides it: a point on a cell's west edge belongs to that cell, 180° to
    /// the last column.
    /// </summary>
    public static long ColumnOf(double longitude, int precision = CellPrecision)
    {
        Check(longitude, 0);
        return IndexOf(longitude, -180, CellSize(precision).Width, GridSize(precision).Columns);
    }

    /// <summary>The grid row holding <paramref name="latitude"/> (0 at −90°), exactly as <see cref="Encode"/> decides it.</summary>
    public static long RowOf(double latitude, int precision = CellPrecision)
    {
        Check(0, latitude);
        return IndexOf(latitude, -90, CellSize(precision).Height, GridSize(precision).Rows);
    }

    /// <summary>The cell in grid column <paramref name="column"/> (taken round the world) and row <paramref name="row"/>.</summary>
    public static string CellAt(long column, long row, int precision = CellPrecision)
    {
        var (columns, rows) = GridSize(precision);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, rows);
        var (width, height) = CellSize(precision);
        var wrapped = ((column % columns) + columns) % columns;
        return Encode(-180 + ((wrapped + 0.5) * width), -90 + ((row + 0.5) * height), precision);
    }

    /// <summary>The closed lon/lat rectangle of the cell in grid column <paramref name="column"/> and row <paramref name="row"/>.</summary>
    public static GeoBox BoundsOf(long column, long row, int precision = CellPrecision)
    {
        var (width, height) = CellSize(precision);
        return new GeoBox(-180 + (column * width), -90 + (row * height), -180 + ((column + 1) * width), -90 + ((row + 1) * height));
    }

    /// <summary>
    /// How many cells <see cref="CoveringCells"/> would give for the box, without listing them:
    /// what a query checks against its limit before fanning out.
    /// </summary>
    public static long CoveringCellCount(double minLongitude, double minLatitude, double maxLongitude, double maxLatitude, int precision = CellPrecision)
    {
        var (firstColumn, lastColumn, firstRow, lastRow) = GridRange(minLongitude, minLatitude, maxLongitude, maxLatitude, precision);
        return (lastColumn - firstColumn + 1) * (lastRow - firstRow + 1);
    }

    /// <summary>
    /// The grid column and row of every cell that intersects the box (inclusive edges). A box with
    /// <paramref name="minLongitude"/> greater than <paramref name="maxLongitude"/> crosses the
    /// antimeridian: its columns run east from <paramref name="minLongitude"/> round to
    /// <paramref name="maxLongitude"/>.
    /// </summary>
    public static IEnumerable<(long Column, long Row)> CoveringGrid(double minLongitude, double minLatitude, double maxLongitude, double maxLatitude, int precision = CellPrecision)
    {
        var (firstColumn, lastColumn, firstRow, lastRow) = GridRange(minLongitude, minLatitude, maxLongitude, maxLatitude, precision);
        var columns = GridSize(precision).Columns;
        for (var row = firstRow; row <= lastRow; row++)
        {
            for (var column = firstColumn; column <= lastColumn; column++)
            {
                yield return (column % columns, row);
            }
        }
    }

    /// <summary>
    /// Every cell that intersects the box. A box with <paramref name="minLongitude"/> greater than
    /// <paramref name="maxLongitude"/> crosses the antimeridian and is split in two.
    /// </summary>
    public static IReadOnlyCollection<string> CoveringCells(double minLongitude, double minLatitude, double maxLongitude, double maxLatitude, int precision = CellPrecision)
    {
        if (CoveringCellCount(minLongitude, minLatitude, maxLongitude, maxLatitude, precision) > 100_000)
        {
            throw new ArgumentException("the box covers more than 100,000 cells; query a smaller area");
        }

        var cells = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (column, row) in CoveringGrid(minLongitude, minLatitude, maxLongitude, maxLatitude, precision))
        {
            cells.Add(CellAt(column, row, precision));
        }

        return cells;
    }

    /// <summary>The box's first and last grid column (the last beyond the grid's end when the box crosses the antimeridian) and row.</summary>
    private static (long FirstColumn, long LastColumn, long FirstRow, long LastRow) GridRange(double minLongitude, double minLatitude, double maxLongitude, double maxLatitude, int precision)
    {
        Check(minLongitude, minLatitude);
        Check(maxLongitude, maxLatitude);
        if (minLatitude > maxLatitude)
        {
            throw new ArgumentException("minLatitude is above maxLatitude", nameof(minLatitude));
        }

        var columns = GridSize(precision).Columns;
        var firstColumn = ColumnOf(minLongitude, precision);
        var lastColumn = ColumnOf(maxLongitude, precision) + (minLongitude > maxLongitude ? columns : 0);
        if (lastColumn - firstColumn + 1 > columns)
        {
            (firstColumn, lastColumn) = (0, columns - 1);
        }

        return (firstColumn, lastColumn, RowOf(minLatitude, precision), RowOf(maxLatitude, precision));
    }

    /// <summary>
    /// The grid index of a coordinate: the division gives it to within one, and the comparisons with
    /// the cell edges (exact doubles: multiples of a power of two) settle it as the bisection does.
    /// </summary>
    private static long IndexOf(double value, double origin, double size, long count)
    {
        var index = Math.Clamp((long)Math.Floor((value - origin) / size), 0, count - 1);
        while (index > 0 && value < origin + (index * size))
        {
            index--;
        }

        while (index < count - 1 && value >= origin + ((index + 1) * size))
        {
            index++;
        }

        return index;
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
