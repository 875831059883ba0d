using System.Net;
using System.Text.Json;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>Checks an answer is problem details (RFC 9457) of one stable type.</summary>
internal static class ProblemAssert
{
    /// <returns>The problem's detail.</returns>
    public static async Task<string> IsAsync(HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("urn:urbantwin:problem:" + slug, json.RootElement.GetProperty("type").GetString());
        return json.RootElement.GetProperty("detail").GetString() ?? "";
    }
}
