using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Cluster.Tests;

/// <summary>API keys made or revoked through one silo apply on the others: each validates from its own copy of the key store.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class AccessAcrossSilosTests(RedisClusterFixture fixture)
{
    private static readonly Uri Keys = new("api/keys", UriKind.Relative);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Key_made_on_one_silo_works_on_another_and_its_revocation_reaches_every_silo_within_seconds()
    {
        // Another test of the collection kills a silo: use two that answer.
        var alive = new List<TwinHost>();
        foreach (var silo in fixture.Silos)
        {
            if (await StatusAsync(silo, null, Cancel) is HttpStatusCode.Unauthorized)
            {
                alive.Add(silo);
            }
        }

        Assert.True(alive.Count >= 2, $"fewer than two silos answer: {fixture}");
        var (maker, other) = (alive[0], alive[1]);
        string id, key;
        using (var admin = Client(maker, RedisClusterFixture.AdminKey))
        {
            // A silo killed by another test stays in the membership until the others declare it
            // dead: meanwhile a call to a grain it held answers 503 with Retry-After, never 500.
            var (status, body) = await Eventually.WaitAsync(
                async () =>
                {
                    using var created = await admin.PostAsJsonAsync(Keys, new { name = "across silos", role = "admin" }, Cancel);
                    if (created.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        Assert.NotNull(created.Headers.RetryAfter);
                    }

                    return (created.StatusCode, await created.Content.ReadFromJsonAsync<JsonElement>(Cancel));
                },
                answer => answer.StatusCode != HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.Created, status);
            (id, key) = (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(other, key, Cancel));

        using (var admin = Client(other, RedisClusterFixture.AdminKey))
        using (var revoked = await admin.DeleteAsync(new Uri($"api/keys/{id}", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(other, key, Cancel));
        await Eventually.WaitAsync(() => StatusAsync(maker, key, Cancel), s => s == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(5));
    }

    private static HttpClient Client(TwinHost silo, string? key)
    {
        var client = silo.CreateClient(key);
        client.Timeout = TimeSpan.FromSeconds(5);
        return client;
    }

    private static async Task<HttpStatusCode?> StatusAsync(TwinHost silo, string? key, CancellationToken cancellationToken)
    {
        using var client = Client(silo, key);
        try
        {
            using var response = await client.GetAsync(Keys, cancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
