using System.Net;
using System.Text.Json;

namespace UrbanTwin.TwinApi.Tests.OpenData;

/// <summary>An open-data answer as a client sees it: status, headers (response and content together) and the body as text.</summary>
internal sealed record OpenDataAnswer(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The CSV's rows (the header first), split at CRLF as RFC 4180 ends them.</summary>
    public IReadOnlyList<string> Lines => Body.Split("\r\n")[..^1];

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public OpenDataAnswer AssertOk()
    {
        Assert.True(Status == HttpStatusCode.OK, $"expected 200, got {(int)Status}: {Body}");
        return this;
    }

    /// <summary>Asserts problem details of the given status and type slug; returns the detail.</summary>
    public string AssertProblem(HttpStatusCode status, string slug) => (Status, Body.Length == 0 ? default : Json).AssertProblem(status, slug);
}
