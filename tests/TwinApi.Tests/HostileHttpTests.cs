using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using UrbanTwin.TwinApi.Tests.Access;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>
/// Bad requests of every sort thrown at the real host. Each is answered with problem details
/// (RFC 9457, <c>application/problem+json</c>) with a type, a title, the status and a detail that
/// says what was wrong in the client's terms, never with a bare status or the server's type names.
/// </summary>
[Collection(HostDefinition.Name)]
public sealed class HostileHttpTests(HostFixture fixture)
{
    private static readonly string DeepJson = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);

    private static readonly Dictionary<string, HostileRequest> Requests = new()
    {
        ["an unknown route"] = new("GET", "/api/nope", HttpStatusCode.NotFound, "not-found", "GET /api/nope"),
        ["a method the route does not take"] = new("PATCH", "/api/assets", HttpStatusCode.MethodNotAllowed, "method-not-allowed", "it takes GET, POST"),
        ["an asset as text"] = new("POST", "/api/assets", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "send Content-Type: application/json, not 'text/plain", Body: "id=x", ContentType: "text/plain"),
        ["an asset without a media type"] = new("POST", "/api/assets", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "send Content-Type: application/json; the request had none", Body: "{}", ContentType: null),
        ["a key as XML"] = new("POST", "/api/keys", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "application/json", Body: "<key/>", ContentType: "application/xml"),
        ["an area as text"] = new("POST", "/api/areas", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "application/json", Body: "x", ContentType: "text/plain"),
        ["an import as XML"] = new("POST", "/api/assets/import", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "send Content-Type: text/csv or application/geo+json, not 'application/xml", Body: "<assets/>", ContentType: "application/xml"),
        ["a search shape as text"] = new("POST", "/api/assets/search", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "send Content-Type: application/json or application/geo+json, not 'text/plain", Body: "{}", ContentType: "text/plain"),
        ["an empty asset body"] = new("POST", "/api/assets", HttpStatusCode.BadRequest, "bad-request", "the body is missing or null", Body: ""),
        ["a null asset"] = new("POST", "/api/assets", HttpStatusCode.BadRequest, "bad-request", "the body is missing or null", Body: "null"),
        ["an empty change"] = new("PUT", "/api/assets/abc-def", HttpStatusCode.BadRequest, "bad-request", "the body is missing or null", Body: ""),
        ["invalid JSON"] = new("POST", "/api/assets", HttpStatusCode.BadRequest, "bad-request", "Path: $", Body: "{bad"),
        ["a string for a longitude"] = new("POST", "/api/assets", HttpStatusCode.BadRequest, "bad-request", "Path: $.location.lon", Body: """{"location":{"lon":"west"}}"""),
        ["an array for an asset"] = new("POST", "/api/assets", HttpStatusCode.BadRequest, "bad-request", "Path: $", Body: "[]"),
        ["a number for a key name"] = new("POST", "/api/keys", HttpStatusCode.BadRequest, "bad-request", "Path: $.name", Body: """{"name":5,"role":"admin"}"""),
        ["JSON nested 100 deep"] = new("POST", "/api/assets", HttpStatusCode.BadRequest, "bad-request", "depth", Body: DeepJson),
        ["invalid JSON for a search"] = new("POST", "/api/assets/search", HttpStatusCode.BadRequest, "bad-request", "LineNumber", Body: """{"type":"Polygon","""),
        ["an asset with its id twice"] = new("POST", "/api/assets", HttpStatusCode.BadRequest, "bad-request", "the key 'id' more than once (Path: $.id)", Body: """{"id":"dup-first","id":"dup-second","kind":"air-quality","name":"n","location":{"lon":-0.127,"lat":51.5194}}"""),
        ["an asset with its id twice in two cases"] = new("POST", "/api/assets", HttpStatusCode.BadRequest, "bad-request", "the key 'id' more than once", Body: """{"id":"dup-lower","ID":"dup-upper","kind":"air-quality","name":"n","location":{"lon":-0.127,"lat":51.5194}}"""),
        ["an asset with a metadata key twice"] = new("POST", "/api/assets", HttpStatusCode.BadRequest, "bad-request", "the key 'mount' more than once", Body: """{"id":"dup-meta","kind":"air-quality","name":"n","location":{"lon":-0.127,"lat":51.5194},"metadata":{"mount":"a","mount":"b"}}"""),
        ["a change with its name twice"] = new("PUT", "/api/assets/abc-def", HttpStatusCode.BadRequest, "bad-request", "the key 'name' more than once", Body: """{"name":"a","name":"b"}"""),
        ["a key request with its role twice"] = new("POST", "/api/keys", HttpStatusCode.BadRequest, "bad-request", "the key 'role' more than once", Body: """{"name":"twice","role":"operator","role":"admin"}"""),
        ["an area with its geometry's type twice"] = new("POST", "/api/areas", HttpStatusCode.BadRequest, "bad-request", "the key 'type' more than once", Body: """{"id":"DUP1","name":"n","geometry":{"type":"Polygon","type":"MultiPolygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}"""),
        ["a search with its coordinates twice"] = new("POST", "/api/assets/search", HttpStatusCode.BadRequest, "bad-request", "the key 'coordinates' more than once", Body: """{"type":"Polygon","coordinates":[[[-0.2,51.4],[0,51.4],[0,51.6],[-0.2,51.4]]],"coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"""),
        ["an import with a feature's id twice"] = new("POST", "/api/assets/import", HttpStatusCode.BadRequest, "invalid-import", "the key 'id' more than once", Body: """{"type":"FeatureCollection","features":[{"type":"Feature","id":"dup-feature-a","id":"dup-feature-b","geometry":{"type":"Point","coordinates":[-0.127,51.5194]},"properties":{"kind":"air-quality","name":"n"}}]}""", ContentType: "application/geo+json"),
        ["a CSV import with a column twice"] = new("POST", "/api/assets/import", HttpStatusCode.BadRequest, "invalid-import", "the column 'id' more than once", Body: "id,kind,name,lon,lat,id\r\ndup-csv-a,air-quality,n,-0.127,51.5194,dup-csv-b\r\n", ContentType: "text/csv"),
        ["a path of 10,000 characters"] = new("GET", "/api/assets/" + new string('a', 10_000), HttpStatusCode.RequestUriTooLong, "uri-too-long", "at most 8,192"),
        ["a query of 10,000 characters"] = new("GET", "/opendata/v1/footfall.csv?area=" + new string('E', 10_000), HttpStatusCode.RequestUriTooLong, "uri-too-long", "at most 8,192", Caller: "anonymous"),
        ["40,000 bytes of header fields"] = new("GET", "/api/assets/abc-def", (HttpStatusCode)431, "headers-too-large", "at most 32,768", Header: "X-Padding: " + new string('x', 40_000)),
        ["no key"] = new("GET", "/api/assets/abc-def", HttpStatusCode.Unauthorized, "unauthenticated", "Bearer", Caller: "anonymous"),
        ["a password for a key"] = new("GET", "/api/assets/abc-def", HttpStatusCode.Unauthorized, "unauthenticated", "Bearer <api key>", Caller: "Basic dXJiYW46dHdpbg=="),
        ["an unknown key"] = new("GET", "/api/assets/abc-def", HttpStatusCode.Unauthorized, "unauthenticated", "not valid", Caller: "Bearer ut_0000000000000000_" + new string('x', 43)),
        ["a bearer without a key"] = new("GET", "/api/assets/abc-def", HttpStatusCode.Unauthorized, "unauthenticated", "Bearer", Caller: "Bearer"),
        ["an operator at the audit log"] = new("GET", "/api/audit", HttpStatusCode.Forbidden, "forbidden", "GET /api/audit", Caller: "operator"),
        ["a NUL in a query parameter"] = new("GET", "/api/assets?bbox=-0.2,51.4,0,51.6&kind=%00", HttpStatusCode.BadRequest, "bad-query", "kind"),
        ["a box of NaN"] = new("GET", "/api/assets?bbox=NaN,51.4,0,51.6", HttpStatusCode.BadRequest, "bad-bbox", "bbox"),
        ["a hostile asset id"] = new("GET", "/api/assets/%E2%80%AEevil", HttpStatusCode.BadRequest, "invalid-asset", "asset ids"),
        ["year 1 on the open data"] = new("GET", "/opendata/v1/footfall.csv?to=0001-01-01T00:00:01Z", HttpStatusCode.BadRequest, "bad-time-range", "to '0001-01-01T00:00:01Z'", Caller: "anonymous"),
        ["year 10000 in an area's history"] = new("GET", "/api/areas/E09000007/history?kind=footfall&field=countIn&to=9999-12-31T23:59:59-01:00", HttpStatusCode.BadRequest, "bad-time-range", "to '9999-12-31T23:59:59-01:00'"),
    };

    public static TheoryData<string> Names => [.. Requests.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_hostile_request_is_answered_with_problem_details_that_say_what_was_wrong(string name)
    {
        var hostile = Requests[name];
        using var client = await ClientAsync(hostile.Caller);
        using var request = hostile.ToMessage();

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var detail = await ProblemAssert.IsAsync(response, hostile.Status, hostile.Slug);
        Assert.Contains(hostile.Says, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("UrbanTwin.", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_for_no_path_is_not_found_naming_the_target_as_sent()
    {
        var answer = await RawHttp.SendAsync(fixture.Host.BaseUri, RawHttp.Head("OPTIONS", "*"));

        Assert.Contains("no route answers OPTIONS *", answer.AssertProblem(HttpStatusCode.NotFound, "not-found"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_chunked_body_is_bad_request_saying_so()
    {
        var head = RawHttp.Head("POST", "/api/keys", $"Authorization: Bearer {HostFixture.AdminKey}", "Content-Type: application/json", "Transfer-Encoding: chunked");

        var answer = await RawHttp.SendAsync(fixture.Host.BaseUri, head, "zz\r\n{}\r\n0\r\n\r\n");

        Assert.Contains("malformed chunk", answer.AssertProblem(HttpStatusCode.BadRequest, "bad-request"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_body_too_large_naming_the_limit_before_it_is_sent()
    {
        var head = RawHttp.Head("POST", "/api/assets", $"Authorization: Bearer {HostFixture.AdminKey}", "Content-Type: application/json", "Content-Length: 40000000", "Expect: 100-continue");

        var answer = await RawHttp.SendAsync(fixture.Host.BaseUri, head);

        Assert.Contains("30,000,000 bytes", answer.AssertProblem(HttpStatusCode.RequestEntityTooLarge, "body-too-large"), StringComparison.Ordinal);
    }

    /// <summary>
    /// What the server refuses while reading a request, before the API sees it, and answers with
    /// the bare status, no body and a closed connection, as docs/api.md lists: problem details
    /// cannot be given there, so the limits the API sets itself sit below these.
    /// </summary>
    [Theory]
    [InlineData("GET /api/assets/abc%00def HTTP/1.1\r\nHost: localhost\r\n\r\n", 400)]
    [InlineData("GET /api/assets abc HTTP/1.1\r\nHost: localhost\r\n\r\n", 400)]
    [InlineData("GET /health/live HTTP/1.1\r\n\r\n", 400)]
    [InlineData("GET /health/live HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n", 400)]
    [InlineData("POST /api/keys HTTP/1.1\r\nHost: localhost\r\nContent-Length: ten\r\n\r\n", 400)]
    [InlineData("POST /api/keys HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400)]
    [InlineData("POST /api/keys HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n", 400)]
    [InlineData("POST /api/keys HTTP/1.0\r\nContent-Type: application/json\r\n\r\n{}", 400)]
    [InlineData("GET /health/live HTTP/1.1\r\nHost: a b\r\n\r\n", 400)]
    [InlineData("GET /health/live HTTP/2.5\r\nHost: localhost\r\n\r\n", 505)]
    [InlineData("GET /api/assets/{a:20000} HTTP/1.1\r\nHost: localhost\r\n\r\n", 414)]
    [InlineData("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Padding: {x:70000}\r\n\r\n", 431)]
    public async Task A_request_the_server_cannot_read_gets_the_bare_status_the_docs_name_and_the_host_keeps_serving(string head, int status)
    {
        var request = Regex.Replace(head, @"\{(.):(\d+)\}", m => new string(m.Groups[1].Value[0], int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));

        var answer = await RawHttp.SendAsync(fixture.Host.BaseUri, request);

        Assert.Equal((HttpStatusCode)status, answer.Status);
        Assert.Equal("", answer.Body);
        Assert.Equal("close", answer.Headers.GetValueOrDefault("Connection"));
        using var anonymous = fixture.Anonymous();
        using var health = await anonymous.GetAsync(new Uri("health/live", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private async Task<HttpClient> ClientAsync(string caller)
    {
        if (caller == "admin")
        {
            return fixture.Admin();
        }

        if (caller == "operator")
        {
            using var admin = fixture.Admin();
            return fixture.WithKey((await ApiKeys.IssueAsync(admin, "operator", name: "hostile operator")).Key);
        }

        return fixture.Anonymous();
    }
}
