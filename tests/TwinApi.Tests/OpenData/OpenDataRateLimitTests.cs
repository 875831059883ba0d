using System.Globalization;
using System.Net;

namespace UrbanTwin.TwinApi.Tests.OpenData;

/// <summary>
/// A host allowing 3 open-data requests a minute per client address and caching documents for ten
/// minutes. Each test is a client address of its own (127.0.0.x), so their counts never mix.
/// </summary>
[Collection(ThrottledOpenDataCollection.Name)]
public sealed class OpenDataRateLimitTests(ThrottledOpenDataFixture fixture)
{
    [Fact]
    public async Task Beyond_its_limit_a_client_address_gets_429_with_Retry_After_and_others_do_not()
    {
        using var busy = fixture.From("127.0.0.2");
        using var other = fixture.From("127.0.0.3");
        using var busyOperator = fixture.From("127.0.0.2", HostFixture.AdminKey);
        for (var i = 0; i < ThrottledOpenDataFixture.PermitsPerMinute; i++)
        {
            (await busy.GetOpenAsync("/opendata/v1")).AssertOk();
        }

        var refused = await busy.GetOpenAsync("/opendata/v1/footfall.geojson");

        refused.AssertProblem(HttpStatusCode.TooManyRequests, "rate-limited");
        var retryAfter = int.Parse(refused.Header("Retry-After")!, CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        (await other.GetOpenAsync("/opendata/v1/footfall.geojson")).AssertOk();
        (await busyOperator.GetJsonAsync("/api/areas")).AssertOk();
    }

    [Fact]
    public async Task A_document_is_built_once_and_served_from_the_node_cache_to_the_requests_that_follow()
    {
        using var admin = fixture.Admin();
        using var reader = fixture.From("127.0.0.4");
        var first = (await reader.GetOpenAsync("/opendata/v1/air-quality.geojson")).AssertOk();

        var station = AssetBuilder.AirQuality().At(Places.BritishMuseum);
        await admin.RegisterAsync(station);
        var cached = (await reader.GetOpenAsync("/opendata/v1/air-quality.geojson")).AssertOk();
        var camden = (await reader.GetOpenAsync($"/opendata/v1/air-quality.geojson?area={Places.Camden}")).AssertOk();

        Assert.Equal(first.Header("ETag"), cached.Header("ETag"));
        Assert.Equal(first.Body, cached.Body);
        Assert.DoesNotContain(station.Id, cached.Body, StringComparison.Ordinal);
        Assert.Contains(station.Id, camden.Body, StringComparison.Ordinal);
    }
}
