namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>The orders map results come in, and the merge of the cells' pages into one.</summary>
internal static class HitOrder
{
    /// <summary>By asset id, ordinal.</summary>
    public static IComparer<SpatialHit> ById { get; } = Comparer<SpatialHit>.Create((a, b) => string.CompareOrdinal(a.Entry.AssetId, b.Entry.AssetId));

    /// <summary>By distance, then asset id (ordinal).</summary>
    public static IComparer<SpatialHit> ByDistance { get; } = Comparer<SpatialHit>.Create((a, b) =>
    {
        var byDistance = a.DistanceMetres.GetValueOrDefault().CompareTo(b.DistanceMetres.GetValueOrDefault());
        return byDistance != 0 ? byDistance : string.CompareOrdinal(a.Entry.AssetId, b.Entry.AssetId);
    });

    /// <summary>
    /// Merges pages each sorted in <paramref name="order"/> into the first <paramref name="limit"/>
    /// hits, and says whether any hit is left: over the limit here, or in a cell that had more.
    /// </summary>
    public static (List<SpatialHit> Hits, bool More) Merge(IReadOnlyList<CellPage> pages, int limit, IComparer<SpatialHit> order)
    {
        var heads = new PriorityQueue<(int Page, int Index), SpatialHit>(pages.Count, order);
        var more = false;
        for (var page = 0; page < pages.Count; page++)
        {
            more |= pages[page].HasMore;
            if (pages[page].Hits.Count > 0)
            {
                heads.Enqueue((page, 0), pages[page].Hits[0]);
            }
        }

        var hits = new List<SpatialHit>(Math.Min(limit, 256));
        while (heads.TryDequeue(out var head, out var hit))
        {
            if (hits.Count == limit)
            {
                return (hits, true);
            }

            hits.Add(hit);
            var next = head.Index + 1;
            if (next < pages[head.Page].Hits.Count)
            {
                heads.Enqueue((head.Page, next), pages[head.Page].Hits[next]);
            }
        }

        return (hits, more);
    }
}
