using System.Net;
using System.Text.Json;

namespace UrbanTwin.TwinApi.Tests;

[Collection(HostDefinition.Name)]
public sealed class HealthTests(HostFixture fixture)
{
    [Fact]
    public async Task Health_is_healthy_once_the_silo_answers()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.GetAsync(new Uri("health", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /health: {(int)response.StatusCode} {body}\nhost log:\n{fixture.Host.ReadLog()}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        foreach (var check in new[] { "silo", "storage", "broker", "time-series", "journal" })
        {
            Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Liveness_answers_without_running_checks()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.GetAsync(new Uri("health/live", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_resource_and_the_reference_page_serves_it()
    {
        using var client = fixture.Host.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken));
        using var page = await client.GetAsync(new Uri("reference/", UriKind.Relative), TestContext.Current.CancellationToken);

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/assets", paths);
        Assert.Contains("/api/assets/{id}/twin", paths);
        Assert.Contains("/api/areas/{areaId}/assets", paths);
        Assert.Contains("/api/keys", paths);
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString());
        Assert.True(document.RootElement.GetProperty("paths").GetProperty("/api/assets/{id}/twin").GetProperty("get").GetProperty("security")[0].TryGetProperty("ApiKey", out _));
        Assert.All(document.RootElement.GetProperty("paths").GetProperty("/opendata/v1").EnumerateObject(), op => Assert.Equal(0, op.Value.GetProperty("security").GetArrayLength()));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_route_is_404_problem_details()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.GetAsync(new Uri("no-such-route", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
