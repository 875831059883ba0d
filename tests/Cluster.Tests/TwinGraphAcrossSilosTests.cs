using System.Net;
using System.Text;
using System.Text.Json;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Cluster.Tests;

/// <summary>
/// The twin API's query index on each silo follows the graph shards, so twins and relationships
/// written through one silo reach the queries and incoming lists of the others within seconds.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class TwinGraphAcrossSilosTests(RedisClusterFixture fixture)
{
    private const string Version = "api-version=2023-10-31";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_twin_and_a_relationship_written_through_one_silo_are_found_by_the_queries_and_incoming_lists_of_another()
    {
        var (one, other) = await TwoAnsweringAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var (area, site) = ($"area-{run}", $"site-{run}");
        var bySite = $$"""{"query":"SELECT * FROM DIGITALTWINS T WHERE T.$dtId = '{{site}}'"}""";

        await SendAsync(one, HttpMethod.Put, $"/digitaltwins/{area}", Twin("Area", area), HttpStatusCode.OK);
        await SendAsync(one, HttpMethod.Put, $"/digitaltwins/{site}", Twin("Site", site), HttpStatusCode.OK);
        var found = await Eventually.WaitAsync(() => SendAsync(other, HttpMethod.Post, "/query", bySite, HttpStatusCode.OK), page => Ids(page).Count > 0, Patience);
        await SendAsync(other, HttpMethod.Put, $"/digitaltwins/{site}/relationships/in", $$"""{"$targetId":"{{area}}","$relationshipName":"partOf"}""", HttpStatusCode.OK);
        var incoming = await Eventually.WaitAsync(() => SendAsync(one, HttpMethod.Get, $"/digitaltwins/{area}/incomingrelationships", null, HttpStatusCode.OK), page => page.GetProperty("value").GetArrayLength() > 0, Patience);
        await SendAsync(one, HttpMethod.Delete, $"/digitaltwins/{site}/relationships/in", null, HttpStatusCode.NoContent);
        await SendAsync(one, HttpMethod.Delete, $"/digitaltwins/{site}", null, HttpStatusCode.NoContent);
        var gone = await Eventually.WaitAsync(() => SendAsync(other, HttpMethod.Post, "/query", bySite, HttpStatusCode.OK), page => Ids(page).Count == 0, Patience);

        Assert.Equal([site], Ids(found));
        Assert.Equal(site, Assert.Single(incoming.GetProperty("value").EnumerateArray()).GetProperty("$sourceId").GetString());
        Assert.Empty(Ids(gone));
        await SendAsync(other, HttpMethod.Delete, $"/digitaltwins/{area}", null, HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_patch_through_a_silo_whose_index_trails_another_silos_write_applies_to_the_twin_as_stored()
    {
        var (one, other) = await TwoAnsweringAsync();
        var site = $"site-{Guid.NewGuid().ToString("N")[..8]}";
        var byName = $$"""{"query":"SELECT * FROM DIGITALTWINS T WHERE T.$dtId = '{{site}}' AND T.name = 'second'"}""";
        await SendAsync(one, HttpMethod.Put, $"/digitaltwins/{site}", Twin("Site", "first"), HttpStatusCode.OK);
        await Eventually.WaitAsync(() => SendAsync(other, HttpMethod.Post, "/query", $$"""{"query":"SELECT * FROM DIGITALTWINS T WHERE T.$dtId = '{{site}}'"}""", HttpStatusCode.OK), page => Ids(page).Count > 0, Patience);

        // Written through one silo; at once, the other silo's index still holds the first version.
        await SendAsync(one, HttpMethod.Patch, $"/digitaltwins/{site}", """[{"op":"replace","path":"/name","value":"second"}]""", HttpStatusCode.NoContent);
        var etag = await ETagAsync(one, site);
        await SendAsync(other, HttpMethod.Patch, $"/digitaltwins/{site}", """[{"op":"add","path":"/siteType","value":"school"}]""", HttpStatusCode.NoContent, ("If-Match", etag));
        var stored = await SendAsync(one, HttpMethod.Get, $"/digitaltwins/{site}", null, HttpStatusCode.OK);
        await SendAsync(other, HttpMethod.Patch, $"/digitaltwins/{site}", """[{"op":"replace","path":"/name","value":"x"}]""", HttpStatusCode.PreconditionFailed, ("If-Match", etag));

        Assert.Equal(("second", "school"), (stored.GetProperty("name").GetString(), stored.GetProperty("siteType").GetString()));
        Assert.Equal([site], Ids(await Eventually.WaitAsync(() => SendAsync(other, HttpMethod.Post, "/query", byName, HttpStatusCode.OK), page => Ids(page).Count > 0, Patience)));
        await SendAsync(one, HttpMethod.Delete, $"/digitaltwins/{site}", null, HttpStatusCode.NoContent);
    }

    private static async Task<string> ETagAsync(TwinHost silo, string id)
    {
        using var client = silo.CreateClient(RedisClusterFixture.AdminKey);
        using var response = await client.GetAsync(new Uri($"digitaltwins/{id}?{Version}", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.ToString();
    }

    private static string Twin(string model, string name) =>
        $$"""{"$metadata":{"$model":"dtmi:urbantwin:place:{{model}};1"},"name":"{{name}}","areaCode":"E09000007"{{(model == "Site" ? ",\"siteType\":\"park\"" : "")}}}""";

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("value").EnumerateArray().Select(t => t.GetProperty("$dtId").GetString()!)];

    /// <summary>Two silos that answer (another test of the collection kills one).</summary>
    private async Task<(TwinHost One, TwinHost Other)> TwoAnsweringAsync()
    {
        var alive = new List<TwinHost>();
        foreach (var silo in fixture.Silos)
        {
            try
            {
                using var client = silo.CreateClient(null);
                client.Timeout = TimeSpan.FromSeconds(5);
                using var live = await client.GetAsync(new Uri("health/live", UriKind.Relative), Cancel);
                alive.Add(silo);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !Cancel.IsCancellationRequested)
            {
            }
        }

        Assert.True(alive.Count >= 2, $"fewer than two silos answer: {fixture}");
        return (alive[0], alive[1]);
    }

    /// <summary>
    /// Sends a twin API request as the admin and checks its status. A silo killed by another test
    /// stays in the membership until the others declare it dead: meanwhile a call to a grain it
    /// held answers 503, which is tried again.
    /// </summary>
    private static async Task<JsonElement> SendAsync(TwinHost silo, HttpMethod method, string path, string? body, HttpStatusCode expected, params (string Name, string Value)[] headers)
    {
        using var client = silo.CreateClient(RedisClusterFixture.AdminKey);
        var answer = await Eventually.WaitAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(method, new Uri($"{path.TrimStart('/')}?{Version}", UriKind.Relative));
                foreach (var (name, value) in headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, method == HttpMethod.Patch ? "application/json-patch+json" : "application/json");
                }

                using var response = await client.SendAsync(request, Cancel);
                var text = await response.Content.ReadAsStringAsync(Cancel);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    return (Retry: true, Json: default(JsonElement));
                }

                Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
                return (Retry: false, Json: text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
            },
            answer => !answer.Retry,
            Patience);
        return answer.Json;
    }
}
