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
        return IsComplete(json.RootElement, status, slug);
    }

    /// <summary>Checks the members every problem has (RFC 9457 §3.1): this type, a title, the answer's status and a detail.</summary>
    /// <returns>The problem's detail.</returns>
    public static string IsComplete(JsonElement problem, HttpStatusCode status, string slug)
    {
        Assert.Equal("urn:urbantwin:problem:" + slug, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), $"no title: {problem}");
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        var detail = problem.TryGetProperty("detail", out var text) ? text.GetString() : null;
        Assert.False(string.IsNullOrWhiteSpace(detail), $"no detail: {problem}");
        return detail!;
    }
}
