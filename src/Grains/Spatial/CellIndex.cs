using System.Diagnostics.CodeAnalysis;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Spatial;

/// <summary>
/// The assets of one map cell arranged for paged scans. The entries by asset id (owned by the
/// index once given; <see cref="Snapshot"/> copies them for storage) are mirrored in parallel arrays sorted by asset id (ordinal): coordinates, kind, status and area as
/// small numbers, so a scan runs over flat arrays and starts after a cursor by binary search. An
/// update of a listed asset (status, name, a move within the cell) is written into the arrays in
/// place; adding or removing an asset only marks them stale, and they are rebuilt at the next scan.
/// Also counts the cell's assets per area.
/// </summary>
public sealed class CellIndex
{
    private const byte OtherStatus = 3;

    private static readonly Comparison<CellEntry> ByAssetId = (a, b) => string.CompareOrdinal(a.AssetId, b.AssetId);

    private readonly Dictionary<string, CellEntry> _entries;
    private readonly Dictionary<string, int> _areaCounts = new(StringComparer.Ordinal);
    private readonly List<string?> _areaNames = [];
    private CellEntry[] _sorted = [];
    private string[] _ids = [];
    private double[] _longitudes = [];
    private double[] _latitudes = [];
    private byte[] _kinds = [];
    private byte[] _statuses = [];
    private int[] _areas = [];
    private bool _stale = true;

    /// <param name="entries">The cell's entries by asset id, as last stored; the index keeps them up to date.</param>
    public CellIndex(Dictionary<string, CellEntry> entries)
    {
        _entries = entries;
        foreach (var entry in entries.Values)
        {
            CountArea(entry.AreaId, +1);
        }
    }

    public int Count => _entries.Count;

    /// <summary>The areas the cell lists at least one asset of.</summary>
    public IEnumerable<string> Areas => _areaCounts.Keys;

    /// <summary>A copy of the entries by asset id, to store while the index goes on changing.</summary>
    public Dictionary<string, CellEntry> Snapshot() => new(_entries, StringComparer.Ordinal);

    /// <summary>The asset's entry, when the cell lists it.</summary>
    public bool TryGet(string assetId, [MaybeNullWhen(false)] out CellEntry entry) => _entries.TryGetValue(assetId, out entry);

    public CellChange Upsert(CellEntry entry)
    {
        if (_entries.TryGetValue(entry.AssetId, out var existing))
        {
            if (existing == entry)
            {
                return CellChange.None;
            }

            _entries[entry.AssetId] = entry;
            if (!_stale)
            {
                Set(Array.BinarySearch(_ids, entry.AssetId, StringComparer.Ordinal), entry);
            }

            return existing.AreaId == entry.AreaId
                ? new CellChange(true, null, null)
                : new CellChange(true, CountArea(entry.AreaId, +1), CountArea(existing.AreaId, -1));
        }

        _entries.Add(entry.AssetId, entry);
        _stale = true;
        return new CellChange(true, CountArea(entry.AreaId, +1), null);
    }

    public CellChange Remove(string assetId)
    {
        if (!_entries.Remove(assetId, out var existing))
        {
            return CellChange.None;
        }

        _stale = true;
        return new CellChange(true, null, CountArea(existing.AreaId, -1));
    }

    /// <summary>
    /// The first <paramref name="limit"/> assets after <paramref name="afterId"/> (ordinal) that pass
    /// the filter and lie in the box and the polygon (each when given).
    /// </summary>
    public CellPage ScanById(GeoBox? box, CellPolygon? polygon, SpatialFilter filter, string? afterId, int limit)
    {
        Refresh();
        var matcher = new Matcher(this, filter);
        var start = afterId is null ? 0 : FirstAfter(afterId);
        var hits = new List<SpatialHit>(Math.Min(limit, 64));
        for (var i = start; i < _sorted.Length; i++)
        {
            if (!matcher.Matches(i)
                || (box is not null && !box.Contains(_longitudes[i], _latitudes[i]))
                || (polygon is not null && !polygon.Covers(_longitudes[i], _latitudes[i])))
            {
                continue;
            }

            if (hits.Count == limit)
            {
                return new CellPage(hits, true);
            }

            hits.Add(new SpatialHit(_sorted[i], null));
        }

        return new CellPage(hits, false);
    }

    /// <summary>
    /// The first <paramref name="limit"/> assets by (distance, asset id) from the point, within
    /// <paramref name="maxDistanceMetres"/> (inclusive), after (<paramref name="afterDistance"/>,
    /// <paramref name="afterId"/>) when <paramref name="afterId"/> is given, that pass the filter.
    /// </summary>
    public CellPage ScanByDistance(double longitude, double latitude, double maxDistanceMetres, SpatialFilter filter, double afterDistance, string? afterId, int limit)
    {
        Refresh();
        var matcher = new Matcher(this, filter);
        var box = Geodesic.BoundingBox(longitude, latitude, maxDistanceMetres);

        // The best so far with the worst on top; within a cell index order is asset id order.
        // Once more than a page has matched, an asset farther in latitude alone than the worst
        // of the best cannot make the page, and its distance is not worked out.
        var best = new PriorityQueue<int, (double Distance, int Index)>(limit + 1, WorstFirst.Instance);
        var matches = 0;
        var latitudeReach = double.PositiveInfinity;
        for (var i = 0; i < _sorted.Length; i++)
        {
            if (!matcher.Matches(i) || !box.Contains(_longitudes[i], _latitudes[i]) || Math.Abs(_latitudes[i] - latitude) > latitudeReach)
            {
                continue;
            }

            var distance = Geodesic.DistanceMetres(longitude, latitude, _longitudes[i], _latitudes[i]);
            if (distance > maxDistanceMetres
                || (afterId is not null && (distance < afterDistance || (distance == afterDistance && string.CompareOrdinal(_ids[i], afterId) <= 0))))
            {
                continue;
            }

            matches++;
            if (best.Count < limit)
            {
                best.Enqueue(i, (distance, i));
            }
            else if (best.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare((distance, i), worst) > 0)
            {
                best.EnqueueDequeue(i, (distance, i));
            }

            if (matches > limit && best.TryPeek(out _, out var bound))
            {
                latitudeReach = Geodesic.LatitudeReachDegrees(bound.Distance);
            }
        }

        var hits = new SpatialHit[best.Count];
        for (var slot = hits.Length - 1; best.TryDequeue(out var index, out var key); slot--)
        {
            hits[slot] = new SpatialHit(_sorted[index], key.Distance);
        }

        return new CellPage(hits, matches > limit);
    }

    private int FirstAfter(string afterId)
    {
        var found = Array.BinarySearch(_ids, afterId, StringComparer.Ordinal);
        return found >= 0 ? found + 1 : ~found;
    }

    private void Refresh()
    {
        if (!_stale)
        {
            return;
        }

        var sorted = new CellEntry[_entries.Count];
        _entries.Values.CopyTo(sorted, 0);
        Array.Sort(sorted, ByAssetId);
        _sorted = sorted;
        _ids = new string[sorted.Length];
        _longitudes = new double[sorted.Length];
        _latitudes = new double[sorted.Length];
        _kinds = new byte[sorted.Length];
        _statuses = new byte[sorted.Length];
        _areas = new int[sorted.Length];
        _areaNames.Clear();
        for (var i = 0; i < sorted.Length; i++)
        {
            Set(i, sorted[i]);
        }

        _stale = false;
    }

    private void Set(int i, CellEntry entry)
    {
        _sorted[i] = entry;
        _ids[i] = entry.AssetId;
        _longitudes[i] = entry.Longitude;
        _latitudes[i] = entry.Latitude;
        _kinds[i] = (byte)entry.Kind;
        _statuses[i] = StatusCode(entry.Status);
        _areas[i] = AreaSlot(entry.AreaId);
    }

    private int AreaSlot(string? areaId)
    {
        for (var slot = 0; slot < _areaNames.Count; slot++)
        {
            if (string.Equals(_areaNames[slot], areaId, StringComparison.Ordinal))
            {
                return slot;
            }
        }

        _areaNames.Add(areaId);
        return _areaNames.Count - 1;
    }

    /// <summary>Counts an asset in or out of its area; gives the area when that was its first or last asset here.</summary>
    private string? CountArea(string? areaId, int delta)
    {
        if (areaId is null)
        {
            return null;
        }

        var count = _areaCounts.GetValueOrDefault(areaId) + delta;
        if (count == 0)
        {
            _areaCounts.Remove(areaId);
            return areaId;
        }

        _areaCounts[areaId] = count;
        return count == 1 && delta > 0 ? areaId : null;
    }

    private static byte StatusCode(string? status) => status switch
    {
        AssetStatus.Ok => 0,
        AssetStatus.Alert => 1,
        AssetStatus.Offline => 2,
        _ => OtherStatus,
    };

    /// <summary>A filter turned into comparisons of small numbers for one scan.</summary>
    private readonly struct Matcher
    {
        private readonly CellIndex _index;
        private readonly int _kind;
        private readonly int _status;
        private readonly bool[]? _allowedAreas;

        public Matcher(CellIndex index, SpatialFilter filter)
        {
            _index = index;
            _kind = filter.Kind is { } kind ? (int)kind : -1;
            _status = filter.Status is { } status ? StatusCode(status) : -1;
            if (filter.Areas is { } areas)
            {
                _allowedAreas = new bool[index._areaNames.Count];
                for (var slot = 0; slot < _allowedAreas.Length; slot++)
                {
                    _allowedAreas[slot] = index._areaNames[slot] is { } name && areas.Contains(name);
                }
            }
        }

        public bool Matches(int i) =>
            (_kind < 0 || _index._kinds[i] == _kind)
            && (_status < 0 || _index._statuses[i] == _status)
            && (_allowedAreas is null || _allowedAreas[_index._areas[i]]);
    }

    /// <summary>Orders (distance, index) keys worst first, so a priority queue keeps the best ones.</summary>
    private sealed class WorstFirst : IComparer<(double Distance, int Index)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Distance, int Index) x, (double Distance, int Index) y)
        {
            var byDistance = y.Distance.CompareTo(x.Distance);
            return byDistance != 0 ? byDistance : y.Index.CompareTo(x.Index);
        }
    }
}
