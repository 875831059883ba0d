using System.Net;
using System.Text.Json.Nodes;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.TwinApi.Tests;

[Collection(HostDefinition.Name)]
public sealed class FleetTests(HostFixture fixture)
{
    [Fact]
    public async Task Register_returns_the_device_secret_once_and_the_device_connects_with_it()
    {
        using var admin = fixture.Admin();
        var asset = AssetBuilder.AirQuality();

        var created = (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created);
        var secret = created.GetProperty("device").GetProperty("secret").GetString()!;
        var fetched = (await admin.GetJsonAsync($"/api/assets/{asset.Id}")).AssertOk();

        await using var device = await DeviceClient.ConnectAsync(fixture.Host.MqttPort, asset.Id, secret);
        Assert.True(device.IsConnected);
        Assert.Equal(asset.Id, fetched.GetProperty("deviceId").GetString());
        Assert.DoesNotContain(secret, fetched.ToString(), StringComparison.Ordinal);
        Assert.False(fetched.TryGetProperty("secret", out _));
    }

    [Theory]
    [InlineData(-0.1270, 51.5194, Places.Camden)]
    [InlineData(-0.1246, 51.5007, Places.Westminster)]
    [InlineData(-0.4543, 51.4700, Places.Hillingdon)]
    [InlineData(0.0, 0.0, null)]
    public async Task A_registered_asset_gets_the_area_it_stands_in(double lon, double lat, string? area)
    {
        using var admin = fixture.Admin();

        var created = (await admin.PostAsync("/api/assets", AssetBuilder.Footfall().At((lon, lat)).Build())).AssertOk(HttpStatusCode.Created);

        var asset = created.GetProperty("asset");
        Assert.Equal(area, asset.TryGetProperty("area", out var a) ? a.GetString() : null);
        Assert.Equal("footfall", asset.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Registering_an_id_twice_is_asset_exists()
    {
        using var admin = fixture.Admin();
        var asset = AssetBuilder.AirQuality();
        (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created);

        (await admin.PostAsync("/api/assets", asset.Named("Another name").Build())).AssertProblem(HttpStatusCode.Conflict, "asset-exists");
    }

    [Fact]
    public async Task A_device_already_reporting_for_another_asset_is_device_in_use()
    {
        using var admin = fixture.Admin();
        var first = AssetBuilder.AirQuality();
        (await admin.PostAsync("/api/assets", first.Build())).AssertOk(HttpStatusCode.Created);

        var second = AssetBuilder.AirQuality().With("deviceId", first.Id);

        (await admin.PostAsync("/api/assets", second.Build())).AssertProblem(HttpStatusCode.Conflict, "device-in-use");
        (await admin.GetJsonAsync($"/api/assets/{second.Id}")).AssertProblem(HttpStatusCode.NotFound, "asset-not-found");
    }

    public static TheoryData<string, string, string> InvalidAssets => new()
    {
        { "id", "\"Not Valid\"", "id" },
        { "id", "\"a/b\"", "id" },
        { "id", "\"x\"", "id" },
        { "kind", "\"toaster\"", "kind" },
        { "kind", "null", "kind" },
        { "name", "\"\"", "name" },
        { "name", "\"line\\nbreak\"", "name" },
        { "name", "\"" + new string('n', 201) + "\"", "name" },
        { "location", "{\"lon\":200,\"lat\":51.5}", "location.lon" },
        { "location", "{\"lon\":-0.1,\"lat\":-91}", "location.lat" },
        { "location", "{\"lon\":-0.1}", "location" },
        { "location", "null", "location" },
        { "deviceId", "\"DEVICE#1\"", "deviceId" },
        { "metadata", "{\"bad key\":\"v\"}", "metadata" },
        { "metadata", "{\"k\":\"" + new string('v', 257) + "\"}", "metadata.k" },
    };

    [Theory]
    [MemberData(nameof(InvalidAssets))]
    public async Task Each_invalid_field_is_named_in_an_invalid_asset_problem(string property, string json, string field)
    {
        using var admin = fixture.Admin();
        var body = AssetBuilder.AirQuality().With(property, JsonNode.Parse(json)).ToString();

        var answer = await admin.PostAsync("/api/assets", body);

        answer.AssertProblem(HttpStatusCode.BadRequest, "invalid-asset");
        Assert.Contains(answer.Body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
    }

    [Fact]
    public async Task Too_much_metadata_is_refused()
    {
        using var admin = fixture.Admin();
        var metadata = new JsonObject();
        for (var i = 0; i < 33; i++)
        {
            metadata[$"k{i}"] = "v";
        }

        (await admin.PostAsync("/api/assets", AssetBuilder.AirQuality().With("metadata", metadata).Build())).AssertProblem(HttpStatusCode.BadRequest, "invalid-asset");
    }

    [Theory]
    [InlineData("{bad")]
    [InlineData("{\"id\":5}")]
    [InlineData("[]")]
    [InlineData("{\"location\":{\"lon\":\"west\"}}")]
    public async Task Unreadable_json_is_bad_request_with_where_it_broke(string body)
    {
        using var admin = fixture.Admin();

        var detail = (await admin.PostAsync("/api/assets", body)).AssertProblem(HttpStatusCode.BadRequest, "bad-request");

        Assert.Contains("Path: $", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_asset_with_its_id_twice_is_refused_and_neither_id_is_registered()
    {
        using var admin = fixture.Admin();
        var asset = AssetBuilder.AirQuality();
        var first = AssetBuilder.AirQuality().Id;
        var body = asset.ToString().Replace("\"id\":", $"\"id\":\"{first}\",\"id\":", StringComparison.Ordinal);

        var detail = (await admin.PostAsync("/api/assets", body)).AssertProblem(HttpStatusCode.BadRequest, "bad-request");

        Assert.Contains("the key 'id' more than once", detail, StringComparison.Ordinal);
        (await admin.GetJsonAsync($"/api/assets/{first}")).AssertProblem(HttpStatusCode.NotFound, "asset-not-found");
        (await admin.GetJsonAsync($"/api/assets/{asset.Id}")).AssertProblem(HttpStatusCode.NotFound, "asset-not-found");
    }

    [Fact]
    public async Task A_huge_body_is_refused_as_too_large_and_the_host_keeps_serving()
    {
        using var admin = fixture.Admin();
        var huge = "{\"id\":\"huge-body\",\"name\":\"" + new string('x', 40 * 1024 * 1024) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/assets", UriKind.Relative)) { Content = new StringContent(huge, System.Text.Encoding.UTF8, "application/json") };

        // As a well-behaved client does with a large body: ask first (Expect: 100-continue), so the refusal arrives before the upload.
        request.Headers.ExpectContinue = true;
        using var response = await admin.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("urn:urbantwin:problem:body-too-large", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        (await admin.PostAsync("/api/assets", AssetBuilder.AirQuality().Build())).AssertOk(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("NOT-LOWER")]
    [InlineData("a%2Fb")]
    [InlineData("%E2%80%AEevil")]
    [InlineData("x")]
    public async Task A_hostile_asset_id_in_the_path_is_invalid_asset(string id)
    {
        using var admin = fixture.Admin();

        (await admin.GetJsonAsync($"/api/assets/{id}/twin")).AssertProblem(HttpStatusCode.BadRequest, "invalid-asset");
    }

    [Fact]
    public async Task An_unknown_asset_is_asset_not_found()
    {
        using var admin = fixture.Admin();

        (await admin.GetJsonAsync("/api/assets/no-such-asset-here")).AssertProblem(HttpStatusCode.NotFound, "asset-not-found");
        (await admin.SendAsync(HttpMethod.Delete, "/api/assets/no-such-asset-here")).AssertProblem(HttpStatusCode.NotFound, "asset-not-found");
    }

    [Fact]
    public async Task Moving_an_asset_changes_its_area_and_keeps_its_kind_and_device()
    {
        using var admin = fixture.Admin();
        var asset = AssetBuilder.Footfall().At(Places.BritishMuseum);
        (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created);

        var moved = (await admin.SendAsync(HttpMethod.Put, $"/api/assets/{asset.Id}", new { name = "Parliament Square", location = new { lon = Places.PalaceOfWestminster.Lon, lat = Places.PalaceOfWestminster.Lat }, metadata = new { mount = "lamp post" } })).AssertOk();

        Assert.Equal(Places.Westminster, moved.GetProperty("area").GetString());
        Assert.Equal("Parliament Square", moved.GetProperty("name").GetString());
        Assert.Equal("footfall", moved.GetProperty("kind").GetString());
        Assert.Equal(asset.Id, moved.GetProperty("deviceId").GetString());
        Assert.Equal("lamp post", moved.GetProperty("metadata").GetProperty("mount").GetString());
    }

    [Fact]
    public async Task Changing_an_assets_kind_or_id_is_refused()
    {
        using var admin = fixture.Admin();
        var asset = AssetBuilder.Footfall();
        (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created);

        var kind = await admin.SendAsync(HttpMethod.Put, $"/api/assets/{asset.Id}", asset.With("kind", "air-quality").Build());
        var id = await admin.SendAsync(HttpMethod.Put, $"/api/assets/{asset.Id}", asset.With("kind", "footfall").With("id", "another-id").Build());

        kind.AssertProblem(HttpStatusCode.BadRequest, "invalid-asset");
        Assert.Contains(kind.Body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "kind");
        Assert.Contains(id.Body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "id");
    }

    [Fact]
    public async Task Decommissioning_refuses_the_device_keeps_the_twin_and_never_reuses_the_id()
    {
        using var admin = fixture.Admin();
        var asset = AssetBuilder.AirQuality();
        var secret = (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created).GetProperty("device").GetProperty("secret").GetString()!;

        (await admin.SendAsync(HttpMethod.Delete, $"/api/assets/{asset.Id}")).AssertOk(HttpStatusCode.NoContent);
        (await admin.SendAsync(HttpMethod.Delete, $"/api/assets/{asset.Id}")).AssertOk(HttpStatusCode.NoContent);

        await Assert.ThrowsAsync<ConnectionRefusedException>(() => DeviceClient.ConnectAsync(fixture.Host.MqttPort, asset.Id, secret));
        var twin = (await admin.GetJsonAsync($"/api/assets/{asset.Id}/twin")).AssertOk();
        Assert.Equal("decommissioned", twin.GetProperty("asset").GetProperty("status").GetString());
        (await admin.PostAsync("/api/assets", asset.Build())).AssertProblem(HttpStatusCode.Conflict, "asset-exists");
        (await admin.PostAsync($"/api/assets/{asset.Id}/secret", "{}")).AssertProblem(HttpStatusCode.Conflict, "asset-decommissioned");
    }

    [Fact]
    public async Task Rotating_the_secret_refuses_the_old_one_and_accepts_the_new_one()
    {
        using var admin = fixture.Admin();
        var asset = AssetBuilder.BusPriority();
        var old = (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created).GetProperty("device").GetProperty("secret").GetString()!;

        var rotated = (await admin.PostAsync($"/api/assets/{asset.Id}/secret", "{}")).AssertOk();

        var fresh = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(old, fresh);
        await Assert.ThrowsAsync<ConnectionRefusedException>(() => DeviceClient.ConnectAsync(fixture.Host.MqttPort, asset.Id, old));
        await using var device = await DeviceClient.ConnectAsync(fixture.Host.MqttPort, asset.Id, fresh);
        Assert.True(device.IsConnected);
    }

    [Theory]
    [InlineData("GET", "/api/assets/any-asset")]
    [InlineData("GET", "/api/assets/any-asset/twin")]
    [InlineData("POST", "/api/assets")]
    [InlineData("PUT", "/api/assets/any-asset")]
    [InlineData("DELETE", "/api/assets/any-asset")]
    [InlineData("POST", "/api/assets/any-asset/secret")]
    [InlineData("POST", "/api/assets/import")]
    [InlineData("GET", "/api/areas")]
    [InlineData("POST", "/api/areas")]
    public async Task Without_a_key_every_api_route_is_unauthenticated(string method, string path)
    {
        using var anonymous = fixture.Anonymous();

        (await anonymous.SendAsync(new HttpMethod(method), path, method is "GET" or "DELETE" ? null : "{}")).AssertProblem(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task An_unknown_key_is_unauthenticated()
    {
        using var stranger = fixture.WithKey("not-a-key-the-hub-knows");

        (await stranger.GetJsonAsync("/api/areas")).AssertProblem(HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
