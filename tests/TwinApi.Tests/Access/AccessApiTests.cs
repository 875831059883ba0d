using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace UrbanTwin.TwinApi.Tests.Access;

[Collection(HostDefinition.Name)]
public sealed class AccessApiTests(HostFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_caller_gets_401_problem_on_keys()
    {
        using var anonymous = fixture.CreateClient();

        using var list = await anonymous.GetAsync(ApiKeys.Keys, Cancel);
        using var create = await anonymous.PostAsync(ApiKeys.Keys, ApiKeys.Request(), Cancel);

        await ProblemAssert.IsAsync(list, HttpStatusCode.Unauthorized, "unauthenticated");
        await ProblemAssert.IsAsync(create, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal("Bearer", list.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz", "must be 'Bearer <api key>'")]
    [InlineData("Bearer ut_0123456789abcdef_not-a-real-secret", "not valid or was revoked")]
    [InlineData("Bearer made-up", "not valid or was revoked")]
    public async Task Unknown_or_malformed_key_gets_401_saying_why(string authorization, string reason)
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiKeys.Keys);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request, Cancel);

        Assert.Contains(reason, await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthenticated"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", null)]
    [InlineData("operator", null)]
    [InlineData("operator", new[] { "E09000033", "E09000001" })]
    [InlineData("monitor", null)]
    public async Task Admin_issues_a_key_that_authenticates_with_its_role(string role, string[]? areas)
    {
        using var admin = fixture.CreateAdminClient();

        using var response = await admin.PostAsync(ApiKeys.Keys, ApiKeys.Request("issued in a test", role, areas), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        using var json = JsonDocument.Parse(body);
        var key = json.RootElement;
        var id = key.GetProperty("id").GetString()!;
        Assert.Equal($"/api/keys/{id}", response.Headers.Location?.OriginalString);
        Assert.Matches($"^ut_{id}_[A-Za-z0-9_-]{{43}}$", key.GetProperty("key").GetString());
        Assert.Equal("issued in a test", key.GetProperty("name").GetString());
        Assert.Equal(role, key.GetProperty("role").GetString());
        Assert.Equal(areas, key.TryGetProperty("areas", out var scope) ? scope.EnumerateArray().Select(a => a.GetString()!).ToArray() : null);
        Assert.Equal("admin (configured admin key)", key.GetProperty("createdBy").GetString());
        Assert.False(key.GetProperty("revoked").GetBoolean());

        // Authenticated either way: an admin may list keys, an operator is refused (403, not 401).
        using var issued = fixture.CreateClient(key.GetProperty("key").GetString());
        using var list = await issued.GetAsync(ApiKeys.Keys, Cancel);
        if (role == "admin")
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }
        else
        {
            await ProblemAssert.IsAsync(list, HttpStatusCode.Forbidden, "forbidden");
        }
    }

    [Fact]
    public async Task Operator_gets_403_on_keys_and_audit()
    {
        using var admin = fixture.CreateAdminClient();
        var everywhere = await ApiKeys.IssueAsync(admin, "operator");
        var scoped = await ApiKeys.IssueAsync(admin, "operator", ["E09000033"]);

        foreach (var key in new[] { everywhere, scoped })
        {
            using var client = fixture.CreateClient(key.Key);
            using var list = await client.GetAsync(ApiKeys.Keys, Cancel);
            using var create = await client.PostAsync(ApiKeys.Keys, ApiKeys.Request(role: "admin"), Cancel);
            using var revoke = await client.DeleteAsync(ApiKeys.Key(key.Id), Cancel);
            using var audit = await client.GetAsync(new Uri("api/audit", UriKind.Relative), Cancel);

            await ProblemAssert.IsAsync(list, HttpStatusCode.Forbidden, "forbidden");
            await ProblemAssert.IsAsync(create, HttpStatusCode.Forbidden, "forbidden");
            await ProblemAssert.IsAsync(revoke, HttpStatusCode.Forbidden, "forbidden");
            await ProblemAssert.IsAsync(audit, HttpStatusCode.Forbidden, "forbidden");
        }
    }

    [Fact]
    public async Task Revoked_key_is_refused_at_once()
    {
        using var admin = fixture.CreateAdminClient();
        var key = await ApiKeys.IssueAsync(admin, "admin");
        using var client = fixture.CreateClient(key.Key);
        using (var before = await client.GetAsync(ApiKeys.Keys, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoke = await admin.DeleteAsync(ApiKeys.Key(key.Id), Cancel);
        using var after = await client.GetAsync(ApiKeys.Keys, Cancel);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var revoked = await revoke.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(revoked.GetProperty("revoked").GetBoolean());
        Assert.Equal("admin (configured admin key)", revoked.GetProperty("revokedBy").GetString());
        await ProblemAssert.IsAsync(after, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Revoking_twice_keeps_the_first_revocation()
    {
        using var admin = fixture.CreateAdminClient();
        var key = await ApiKeys.IssueAsync(admin, "operator");

        using var first = await admin.DeleteAsync(ApiKeys.Key(key.Id), Cancel);
        using var second = await admin.DeleteAsync(ApiKeys.Key(key.Id), Cancel);

        var firstAt = (await first.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("revokedAt").GetDateTimeOffset();
        var secondAt = (await second.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("revokedAt").GetDateTimeOffset();
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstAt, secondAt);
    }

    [Fact]
    public async Task Keys_are_listed_and_shown_without_secret_or_hash()
    {
        using var admin = fixture.CreateAdminClient();
        var key = await ApiKeys.IssueAsync(admin, "operator", ["E09000033"], name: "listed");
        var secret = key.Key[(key.Key.LastIndexOf('_') + 1)..];

        var list = await admin.GetStringAsync(ApiKeys.Keys, Cancel);
        using var one = await admin.GetAsync(ApiKeys.Key(key.Id), Cancel);
        var shown = await one.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var listed = JsonDocument.Parse(list).RootElement.EnumerateArray().Single(k => k.GetProperty("id").GetString() == key.Id);
        Assert.Equal("listed", listed.GetProperty("name").GetString());
        Assert.Equal("listed", JsonDocument.Parse(shown).RootElement.GetProperty("name").GetString());
        foreach (var text in new[] { list, shown })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"key\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Unknown_key_id_is_404_problem()
    {
        using var admin = fixture.CreateAdminClient();

        using var get = await admin.GetAsync(ApiKeys.Key("0123456789abcdef"), Cancel);
        using var revoke = await admin.DeleteAsync(ApiKeys.Key("no-such-key"), Cancel);

        await ProblemAssert.IsAsync(get, HttpStatusCode.NotFound, "key-not-found");
        await ProblemAssert.IsAsync(revoke, HttpStatusCode.NotFound, "key-not-found");
    }

    public static TheoryData<string?, string?, string?[]?, string> InvalidRequests => new()
    {
        { "ops", "root", null, "role 'root' is unknown" },
        { "ops", null, null, "role is required" },
        { null, "operator", null, "name is required" },
        { "   ", "operator", null, "name is required" },
        { new string('n', 101), "operator", null, "longer than 100" },
        { "line\nbreak", "operator", null, "control characters" },
        { "ops", "admin", new[] { "E09000033" }, "admin key covers every area" },
        { "prometheus", "monitor", new[] { "E09000033" }, "monitor key reads metrics only" },
        { "ops", "operator", Array.Empty<string>(), "1 to 100 areas" },
        { "ops", "operator", new[] { "E09000033", "not an area!" }, "area id 'not an area!' is not valid" },
        { "ops", "operator", new[] { "-leading-dash" }, "is not valid" },
        { "ops", "operator", new string?[] { null }, "is not valid" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_key_request_is_400_invalid_key_with_the_reason(string? name, string? role, string?[]? areas, string reason)
    {
        using var admin = fixture.CreateAdminClient();

        using var response = await admin.PostAsync(ApiKeys.Keys, ApiKeys.Request(name, role, areas), Cancel);

        Assert.Contains(reason, await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-key"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_request_without_a_body_is_400_invalid_key()
    {
        using var admin = fixture.CreateAdminClient();

        using var response = await admin.PostAsync(ApiKeys.Keys, content: null, Cancel);

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-key");
    }
}
