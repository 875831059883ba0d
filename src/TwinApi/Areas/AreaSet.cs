using NetTopologySuite.Geometries;
using NetTopologySuite.Index.HPRtree;

namespace UrbanTwin.TwinApi.Areas;

/// <summary>
/// An immutable set of areas with a packed R-tree over their envelopes, swapped whole when an area
/// is added (an R-tree cannot take inserts once queried). Where areas overlap, the one loaded first wins.
/// </summary>
public sealed class AreaSet
{
    private readonly HPRtree<int> _index = new();
    private readonly Dictionary<string, Area> _byId = new(StringComparer.Ordinal);

    public AreaSet(IReadOnlyList<Area> areas)
    {
        Areas = areas;
        for (var i = 0; i < areas.Count; i++)
        {
            _byId[areas[i].AreaId] = areas[i];
            _index.Insert(areas[i].Boundary.EnvelopeInternal, i);
        }

        _index.Build();
    }

    public static AreaSet Empty { get; } = new([]);

    public IReadOnlyList<Area> Areas { get; }

    public Area? Find(string areaId) => _byId.GetValueOrDefault(areaId);

    /// <summary>The area the point lies in (boundary included), or null.</summary>
    public Area? Locate(Point point)
    {
        var best = int.MaxValue;
        foreach (var i in _index.Query(point.EnvelopeInternal))
        {
            if (i < best && Areas[i].Covers(point))
            {
                best = i;
            }
        }

        return best == int.MaxValue ? null : Areas[best];
    }
}
