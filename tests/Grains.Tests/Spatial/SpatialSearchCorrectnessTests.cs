using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Tests.Spatial;

/// <summary>
/// Every kind of map query, hundreds of times at random over 5,000 London assets, with random
/// filters and page sizes, paged to the end and compared with the brute-force reference: the same
/// assets in the same order. Distance orders may differ only between assets whose distances the
/// two formulas cannot tell apart (within a micrometre), which the comparison reports as ties.
/// </summary>
[Collection(LondonMapCollection.Name)]
public sealed class SpatialSearchCorrectnessTests(LondonMapFixture map)
{
    private const double Tie = 1e-6;
    private static readonly int[] Limits = [1_000, 100, 37];

    [Fact]
    public async Task Boxes_find_what_brute_force_finds_in_asset_id_order()
    {
        var random = new Random(1);
        for (var i = 0; i < 200; i++)
        {
            var (minLon, minLat, maxLon, maxLat) = RandomBox(random);
            var filter = RandomFilter(random);
            var limit = Limits[random.Next(Limits.Length)];

            var found = await AllPagesAsync(cursor => map.Search.InBoxAsync(new GeoBox(minLon, minLat, maxLon, maxLat), filter, limit, cursor), limit);

            Assert.Equal(map.Reference.InBox(minLon, minLat, maxLon, maxLat, filter), Ids(found));
        }
    }

    [Fact]
    public async Task Circles_find_what_brute_force_finds_nearest_first()
    {
        var random = new Random(2);
        var ties = 0;
        for (var i = 0; i < 200; i++)
        {
            var (lon, lat) = RandomPoint(random);
            var radius = Math.Pow(10, 1 + (random.NextDouble() * Math.Log10(2_000)));
            var filter = RandomFilter(random);
            var limit = Limits[random.Next(Limits.Length)];

            var found = await AllPagesAsync(cursor => map.Search.InRadiusAsync(lon, lat, radius, filter, limit, cursor), limit);

            ties += SameRanking(map.Reference.InRadius(lon, lat, radius, filter), found, lon, lat, radius, $"circle ({lon}, {lat}) r {radius} m, {Describe(filter)}");
        }

        TestContext.Current.SendDiagnosticMessage($"circles: {ties} ties within {Tie} m");
    }

    [Fact]
    public async Task Random_polygons_find_what_brute_force_finds()
    {
        var random = new Random(3);
        var asked = 0;
        for (var i = 0; i < 120; i++)
        {
            RefPolygon[] parts = (i % 4) switch
            {
                0 => [LondonMap.StarPolygon(random), LondonMap.StarPolygon(random)],
                1 => [AssetPolygon(random)],
                _ => [LondonMap.StarPolygon(random)],
            };
            if (!RefPolygon.ToGeometry(parts).IsValid)
            {
                continue; // two stars that overlap, or corners in a line: no valid polygon
            }

            var filter = RandomFilter(random);
            var limit = Limits[random.Next(Limits.Length)];

            var found = await AllPagesAsync(cursor => map.Search.InPolygonAsync(RefPolygon.ToGeometry(parts), filter, limit, cursor), limit);

            Assert.Equal(map.Reference.InPolygon(parts, filter), Ids(found));
            asked++;
        }

        Assert.InRange(asked, 100, 120);
    }

    [Fact]
    public async Task Borough_polygons_find_what_brute_force_finds_also_on_and_beside_their_boundaries()
    {
        var random = new Random(4);
        foreach (var borough in LondonBoroughs.Boroughs)
        {
            foreach (var filter in new[] { SpatialFilter.None, RandomFilter(random) })
            {
                var limit = Limits[random.Next(Limits.Length)];

                var found = await AllPagesAsync(cursor => map.Search.InPolygonAsync(RefPolygon.ToGeometry(borough.Parts), filter, limit, cursor), limit);

                Assert.Equal(map.Reference.InPolygon(borough.Parts, filter), Ids(found));
            }
        }
    }

    [Fact]
    public async Task Areas_list_their_assets_within_the_callers_scope()
    {
        var random = new Random(5);
        foreach (var borough in LondonBoroughs.Boroughs)
        {
            foreach (var filter in new[] { SpatialFilter.None, RandomFilter(random) })
            {
                var limit = Limits[random.Next(Limits.Length)];

                var found = await AllPagesAsync(cursor => map.Search.InAreaAsync(borough.Code, filter, limit, cursor), limit);

                var expected = filter.Areas is { } scope && !scope.Contains(borough.Code) ? [] : map.Reference.InArea(borough.Code, filter);
                Assert.Equal(expected, Ids(found));
            }
        }
    }

    [Fact]
    public async Task Nearest_k_finds_what_brute_force_finds_within_the_maximum_distance()
    {
        var random = new Random(6);
        var ties = 0;
        for (var i = 0; i < 200; i++)
        {
            // Now and then far out of London, where fewer than k lie within 20 km.
            var (lon, lat) = i % 10 == 0 ? (-0.1 + ((random.NextDouble() - 0.5) * 1.6), 51.5 + ((random.NextDouble() - 0.5) * 1.0)) : RandomPoint(random);
            var count = random.Next(1, SpatialSearch.MaxNearest + 1);
            var filter = RandomFilter(random);

            var found = await map.Search.NearestAsync(lon, lat, count, filter);

            var expected = map.Reference.Nearest(lon, lat, count, 20_000, filter);
            Assert.Null(found.NextCursor);
            ties += SameRanking(expected, found.Items, lon, lat, expected.Count == count ? expected[^1].Distance : 20_000, $"nearest {count} to ({lon}, {lat}), {Describe(filter)}");
        }

        TestContext.Current.SendDiagnosticMessage($"nearest: {ties} ties within {Tie} m");
    }

    /// <summary>Runs a paged query to its end; every page but the last is full, and a cursor always leads somewhere.</summary>
    private static async Task<List<SpatialHit>> AllPagesAsync(Func<string?, Task<SpatialPage>> query, int limit)
    {
        var hits = new List<SpatialHit>();
        string? cursor = null;
        do
        {
            var page = await query(cursor);
            Assert.True(page.Items.Count <= limit);
            Assert.True(page.NextCursor is null || page.Items.Count == limit, "a page with a next cursor is not full");
            Assert.True(cursor is null || page.Items.Count > 0, "a cursor led to an empty page");
            hits.AddRange(page.Items);
            cursor = page.NextCursor;
            Assert.True(hits.Count <= 10_000, "paging does not end");
        }
        while (cursor is not null);

        return hits;
    }

    /// <summary>
    /// Checks a distance-ordered result against the reference's: the service's distances agree
    /// with the reference's formula, and the two lists are the same but where assets lie within
    /// <see cref="Tie"/> of each other or of the boundary distance. Gives how many such ties it let pass.
    /// </summary>
    private int SameRanking(List<(string Id, double Distance)> expected, IReadOnlyList<SpatialHit> found, double lon, double lat, double boundary, string query)
    {
        var reference = map.Reference.Assets.ToDictionary(a => a.AssetId, a => BruteForceMap.Distance(lon, lat, a.Longitude, a.Latitude), StringComparer.Ordinal);
        Assert.Equal(found.Count, found.Select(h => h.Entry.AssetId).Distinct(StringComparer.Ordinal).Count());
        foreach (var hit in found)
        {
            Assert.True(Math.Abs(hit.DistanceMetres!.Value - reference[hit.Entry.AssetId]) <= Tie, $"{query}: {hit.Entry.AssetId} at {hit.DistanceMetres} m, reference {reference[hit.Entry.AssetId]} m");
        }

        var ties = 0;
        var foundIds = found.Select(h => h.Entry.AssetId).ToHashSet(StringComparer.Ordinal);
        var expectedIds = expected.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in foundIds.Except(expectedIds).Concat(expectedIds.Except(foundIds)))
        {
            Assert.True(Math.Abs(reference[id] - boundary) <= Tie, $"{query}: {id} at {reference[id]} m {(foundIds.Contains(id) ? "found but not expected" : "expected but not found")}");
            ties++;
        }

        for (var i = 0; i < Math.Min(found.Count, expected.Count); i++)
        {
            if (found[i].Entry.AssetId != expected[i].Id)
            {
                Assert.True(Math.Abs(reference[found[i].Entry.AssetId] - expected[i].Distance) <= Tie, $"{query}: #{i} is {found[i].Entry.AssetId}, expected {expected[i].Id}");
                ties++;
            }
        }

        return ties;
    }

    private static List<string> Ids(IEnumerable<SpatialHit> hits) => [.. hits.Select(h => h.Entry.AssetId)];

    /// <summary>A box over London of 100 m to 30 km a side, or one whose edges run exactly through assets.</summary>
    private (double, double, double, double) RandomBox(Random random)
    {
        if (random.Next(4) == 0)
        {
            var (a, b) = (RandomAsset(random), RandomAsset(random));
            return (Math.Min(a.Longitude, b.Longitude), Math.Min(a.Latitude, b.Latitude), Math.Max(a.Longitude, b.Longitude), Math.Max(a.Latitude, b.Latitude));
        }

        var (lon, lat) = RandomPoint(random);
        var (width, height) = (0.0015 + (random.NextDouble() * 0.4), 0.001 + (random.NextDouble() * 0.27));
        return (lon - (width / 2), lat - (height / 2), lon + (width / 2), lat + (height / 2));
    }

    /// <summary>A point of London: at random, or exactly where an asset is.</summary>
    private (double, double) RandomPoint(Random random)
    {
        if (random.Next(4) == 0)
        {
            var asset = RandomAsset(random);
            return (asset.Longitude, asset.Latitude);
        }

        return (-0.52 + (random.NextDouble() * 0.86), 51.28 + (random.NextDouble() * 0.42));
    }

    /// <summary>A polygon whose vertices are assets (so they lie on its boundary): a few, in order of angle about their centre.</summary>
    private RefPolygon AssetPolygon(Random random)
    {
        var corners = Enumerable.Range(0, random.Next(3, 8)).Select(_ => RandomAsset(random)).Select(a => (a.Longitude, a.Latitude)).Distinct().ToList();
        var (lon, lat) = (corners.Average(c => c.Longitude), corners.Average(c => c.Latitude));
        var ring = corners.OrderBy(c => Math.Atan2(c.Latitude - lat, c.Longitude - lon)).ToList();
        ring.Add(ring[0]);
        return new RefPolygon([[.. ring]]);
    }

    private CellEntry RandomAsset(Random random) => map.Reference.Assets[random.Next(map.Reference.Assets.Count)];

    private static string Describe(SpatialFilter filter) => $"kind {filter.Kind}, status {filter.Status}, areas {(filter.Areas is null ? "any" : string.Join(' ', filter.Areas))}";

    private static SpatialFilter RandomFilter(Random random)
    {
        DeviceKind? kind = random.Next(2) == 0 ? null : (DeviceKind)random.Next(1, 4);
        var status = random.Next(2) == 0 ? null : new[] { AssetStatus.Ok, AssetStatus.Alert, AssetStatus.Offline }[random.Next(3)];
        var areas = random.Next(5) < 3 ? null : Enumerable.Range(0, random.Next(1, 6)).Select(_ => $"E090000{random.Next(1, 36):D2}").ToHashSet(StringComparer.Ordinal);
        return new SpatialFilter(kind, status, areas);
    }
}
