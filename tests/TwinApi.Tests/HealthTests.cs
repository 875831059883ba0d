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
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("silo").GetProperty("status").GetString());
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
    public async Task Unknown_route_is_404_problem_details()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.GetAsync(new Uri("no-such-route", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
