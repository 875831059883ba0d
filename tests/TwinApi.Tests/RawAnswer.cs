using System.Net;
using System.Text.Json;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>An answer read off the socket by <see cref="RawHttp"/>: status, headers and the body as text (de-chunked).</summary>
internal sealed record RawAnswer(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>Asserts a complete problem of this status and type slug; returns its detail.</summary>
    public string AssertProblem(HttpStatusCode status, string slug)
    {
        Assert.True(Status == status, $"expected {(int)status}, got {(int)Status}: {Body}");
        Assert.StartsWith("application/problem+json", Headers.GetValueOrDefault("Content-Type"), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(Body);
        return ProblemAssert.IsComplete(json.RootElement, status, slug);
    }
}
