namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// Which cells a nearest-assets search looks in: a block of grid cells grown ring by ring from the
/// point's cell, on each side only while that side may still hide a closer asset. A side is left
/// alone once a lower bound of the distance from the point to anything beyond it (the meridian
/// <c>R·asin(sin Δλ · cos φ)</c> for east and west, the parallel <c>R·|Δφ|</c> for north and
/// south) exceeds the search's threshold: the k-th best distance so far, or the farthest it may
/// look. The block wraps round the antimeridian and stops at the poles.
/// </summary>
internal sealed class RingSearch
{
    private readonly double _longitude;
    private readonly double _latitude;
    private readonly long _columns;
    private readonly long _rows;
    private readonly double _width;
    private readonly double _height;
    private long _west;
    private long _east;
    private long _south;
    private long _north;

    public RingSearch(double longitude, double latitude)
    {
        (_longitude, _latitude) = (longitude, latitude);
        (_columns, _rows) = Geohash.GridSize();
        (_width, _height) = Geohash.CellSize();
        _west = _east = Geohash.ColumnOf(longitude);
        _south = _north = Geohash.RowOf(latitude);
    }

    /// <summary>The point's own cell, where the search starts.</summary>
    public IReadOnlyList<string> First => [Geohash.CellAt(_west, _south)];

    /// <summary>
    /// The cells to look in next, given the distance within which an asset could still matter
    /// (inclusive: ties at the threshold are looked for); none when the search is complete.
    /// </summary>
    public List<string> Next(double thresholdMetres)
    {
        var cells = new List<string>();
        if (!SpansEveryColumn && Geodesic.DistanceToMeridianMetres(_longitude, _latitude, -180 + (_west * _width)) <= thresholdMetres)
        {
            _west--;
            AddColumn(cells, _west);
        }

        if (!SpansEveryColumn && Geodesic.DistanceToMeridianMetres(_longitude, _latitude, -180 + ((_east + 1) * _width)) <= thresholdMetres)
        {
            _east++;
            AddColumn(cells, _east);
        }

        if (_north < _rows - 1 && Geodesic.DistanceToParallelMetres(_latitude, -90 + ((_north + 1) * _height)) <= thresholdMetres)
        {
            _north++;
            AddRow(cells, _north);
        }

        if (_south > 0 && Geodesic.DistanceToParallelMetres(_latitude, -90 + (_south * _height)) <= thresholdMetres)
        {
            _south--;
            AddRow(cells, _south);
        }

        return cells;
    }

    private bool SpansEveryColumn => _east - _west + 1 >= _columns;

    private void AddColumn(List<string> cells, long column)
    {
        for (var row = _south; row <= _north; row++)
        {
            cells.Add(Geohash.CellAt(column, row));
        }
    }

    private void AddRow(List<string> cells, long row)
    {
        for (var column = _west; column <= _east; column++)
        {
            cells.Add(Geohash.CellAt(column, row));
        }
    }
}
