using System.Net;
using System.Text.Json;
using UrbanTwin.TwinApi.Tests.Access;

namespace UrbanTwin.TwinApi.Tests.Audit;

[Collection(HostDefinition.Name)]
public sealed class AuditApiTests(HostFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Key_creation_and_revocation_are_recorded_newest_first_with_the_actor()
    {
        using var root = fixture.CreateAdminClient();
        var admin = await ApiKeys.IssueAsync(root, "admin", name: "auditor");
        using var client = fixture.CreateClient(admin.Key);
        var key = await ApiKeys.IssueAsync(client, "operator", ["E09000033"], name: "audited");
        Assert.Equal(HttpStatusCode.OK, await ApiKeys.RevokeAsync(client, key.Id));

        var entries = (await ReadAsync(root, "?limit=1000")).Where(e => e.GetProperty("target").GetString() == "key:" + key.Id).ToList();

        Assert.Equal(["key.revoked", "key.created"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal($"{admin.Id} (auditor)", e.GetProperty("actor").GetString()));
        Assert.Contains("role operator, areas E09000033", entries[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(entries[0].GetProperty("time").GetDateTimeOffset() >= entries[1].GetProperty("time").GetDateTimeOffset());
        Assert.All(entries, e => Assert.DoesNotContain(key.Key[^43..], e.GetRawText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Entries_are_read_within_the_range_up_to_the_limit()
    {
        using var admin = fixture.CreateAdminClient();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await ApiKeys.IssueAsync(admin, "operator", name: "ranged one");
        await ApiKeys.IssueAsync(admin, "operator", name: "ranged two");

        var one = await ReadAsync(admin, $"?from={Rfc3339(before)}&limit=1");
        var none = await ReadAsync(admin, $"?from={Rfc3339(before.AddDays(-2))}&to={Rfc3339(before.AddDays(-1))}");

        Assert.Contains("'ranged two'", Assert.Single(one).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(none);
    }

    [Fact]
    public async Task More_entries_than_a_page_are_all_read_back_in_order()
    {
        using var admin = fixture.CreateAdminClient();
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ids = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            var key = await ApiKeys.IssueAsync(admin, "operator", name: $"paged {i}");
            Assert.Equal(HttpStatusCode.OK, await ApiKeys.RevokeAsync(admin, key.Id));
            ids.Add(key.Id);
        }

        var targets = (await ReadAsync(admin, $"?from={Rfc3339(from)}&limit=1000"))
            .Select(e => (Target: e.GetProperty("target").GetString()![4..], Action: e.GetProperty("action").GetString()!))
            .Where(e => ids.Contains(e.Target))
            .Reverse()
            .ToList();

        Assert.Equal(ids.SelectMany(id => new[] { (id, "key.created"), (id, "key.revoked") }), targets);
    }

    [Theory]
    [InlineData("?from=2025-06-02T00:00:00Z&to=2025-06-01T00:00:00Z", "bad-time-range", "must be before")]
    [InlineData("?from=2025-05-01T00:00:00Z&to=2025-06-02T00:00:00Z", "bad-time-range", "at most 31 days")]
    [InlineData("?from=yesterday", "bad-time-range", "not an RFC 3339 time")]
    [InlineData("?to=2025-06-01T10:00:00+01:00", "bad-time-range", "%2B")]
    [InlineData("?limit=0", "bad-query", "limit")]
    [InlineData("?limit=1001", "bad-query", "limit")]
    [InlineData("?limit=ten", "bad-query", "limit")]
    public async Task Invalid_audit_query_is_400_problem(string query, string slug, string reason)
    {
        using var admin = fixture.CreateAdminClient();

        using var response = await admin.GetAsync(new Uri("api/audit" + query, UriKind.Relative), Cancel);

        Assert.Contains(reason, await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, slug), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ExtremeTimeRanges.All), MemberType = typeof(ExtremeTimeRanges))]
    public async Task An_extreme_time_in_the_audit_query_is_bad_time_range_naming_the_parameter(string query, string parameter)
    {
        using var admin = fixture.CreateAdminClient();

        using var response = await admin.GetAsync(new Uri("api/audit?" + query, UriKind.Relative), Cancel);

        Assert.StartsWith(parameter + " ", await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "bad-time-range"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_caller_gets_401_on_audit()
    {
        using var anonymous = fixture.CreateClient();

        using var response = await anonymous.GetAsync(new Uri("api/audit", UriKind.Relative), Cancel);

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private static async Task<List<JsonElement>> ReadAsync(HttpClient admin, string query)
    {
        using var response = await admin.GetAsync(new Uri("api/audit" + query, UriKind.Relative), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/audit{query}: {(int)response.StatusCode} {body}");
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("entries").EnumerateArray()];
    }

    private static string Rfc3339(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
}
