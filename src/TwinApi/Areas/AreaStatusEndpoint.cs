using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.AirQuality;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.Assets;
using UrbanTwin.TwinApi.Problems;

namespace UrbanTwin.TwinApi.Areas;

/// <summary>
/// <c>GET /api/areas/{areaId}/summary?kind=</c>: an <see cref="AreaStatus"/> computed live from
/// the twins of the area's assets of one kind: every page of the area's map listing, then each
/// twin's snapshot, at most <see cref="Parallelism"/> at a time.
/// </summary>
public static class AreaStatusEndpoint
{
    public const int Parallelism = 64;

    public static async Task<Results<Ok<AreaStatus>, ProblemHttpResult>> GetAsync(string areaId, string? kind, AreaCatalog areas, SpatialSearch search, IGrainFactory grains, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (areas.Current.Find(areaId) is null || !user.CanSeeArea(areaId))
        {
            return ApiProblems.AreaNotFound.Result($"no area '{areaId}'");
        }

        if (!KindParameter.TryRequired(kind, out var assetKind, out var problem))
        {
            return problem!.ToResult();
        }

        var assetIds = new List<string>();
        var filter = new SpatialFilter(assetKind, null, user.AreaScope());
        string? cursor = null;
        do
        {
            var page = await search.InAreaAsync(areaId, filter, SpatialSearch.MaxLimit, cursor);
            assetIds.AddRange(page.Items.Select(hit => hit.Entry.AssetId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var now = time.GetUtcNow();
        var tally = new AreaStatusTally(assetKind, HourlyMeans.HourStartOf(now.ToUnixTimeMilliseconds()));
        await Parallel.ForEachAsync(
            assetIds,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (assetId, _) =>
            {
                var twin = await grains.GetGrain<IAssetTwinGrain>(assetId).GetSnapshotAsync();
                if (!twin.Decommissioned && twin.Kind == assetKind)
                {
                    lock (tally)
                    {
                        tally.Add(twin);
                    }
                }
            });
        return TypedResults.Ok(tally.ToStatus(areaId, now));
    }
}
