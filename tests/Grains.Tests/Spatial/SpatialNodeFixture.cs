using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.TestSupport.Node;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Grains.Tests.Spatial;

/// <summary>A node of its own for map tests (its cells hold only what the tests put there), with the default spatial limits.</summary>
public class SpatialNodeFixture : NodeFixture
{
    public SpatialSearch Search => Host.Services.GetRequiredService<SpatialSearch>();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mqtt:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Mqtt:TlsPort"] = "0",
    };

    /// <summary>Lists the entries in their cells directly, one call per cell, as an import would.</summary>
    public async Task ListAsync(IEnumerable<CellEntry> entries)
    {
        await Task.WhenAll(entries
            .GroupBy(e => Geohash.Encode(e.Longitude, e.Latitude), StringComparer.Ordinal)
            .Select(cell => Grains.GetGrain<ICellGrain>(cell.Key).UpsertManyAsync(cell.ToArray())));
    }
}
