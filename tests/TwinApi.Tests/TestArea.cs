using System.Net;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>
/// A small square area added through the API for one test, away from London and from every other
/// test's areas, so that what the area holds is exactly what the test put there.
/// </summary>
/// <param name="Boundary">The GeoJSON Polygon the area was added with.</param>
internal sealed record TestArea(string Id, (double Lon, double Lat) Centre, object Boundary)
{
    private const double Side = 0.01;
    private static int _next;

    public static async Task<TestArea> AddAsync(HttpClient admin)
    {
        // A grid of squares over the Alps, one per test; the host keeps its areas in a fresh data directory.
        var n = Interlocked.Increment(ref _next);
        var (west, south) = (6.0 + (n % 100 * 2 * Side), 45.0 + (n / 100 % 100 * 2 * Side));
        var (east, north) = (west + Side, south + Side);
        var id = "test-" + Guid.NewGuid().ToString("N")[..12];
        var square = new { type = "Polygon", coordinates = new[] { new[] { new[] { west, south }, new[] { east, south }, new[] { east, north }, new[] { west, north }, new[] { west, south } } } };
        (await admin.PostAsync("/api/areas", new { id, name = "Test area " + id, geometry = square })).AssertOk(HttpStatusCode.Created);
        return new TestArea(id, (west + (Side / 2), south + (Side / 2)), square);
    }
}
