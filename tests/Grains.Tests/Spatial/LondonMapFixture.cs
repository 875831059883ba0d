namespace UrbanTwin.Grains.Tests.Spatial;

/// <summary>
/// A node whose map holds 5,000 assets over London (<see cref="LondonMap"/>) and nothing else, and
/// the brute-force reference holding the same.
/// </summary>
public sealed class LondonMapFixture : SpatialNodeFixture
{
    public BruteForceMap Reference { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var assets = LondonMap.Assets(new Random(51_5074), inside: 3_500, onBoundary: 750, nearBoundary: 750);
        await ListAsync(assets);
        Reference = new BruteForceMap(assets);
    }
}
