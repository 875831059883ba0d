using System.Globalization;
using System.Net;
using UrbanTwin.TwinApi.Tests.Access;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>An operator key limited to Camden sees and manages Camden's assets only, on every route.</summary>
[Collection(HostDefinition.Name)]
public sealed class AreaScopeTests(HostFixture fixture)
{
    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_camden_operator_cannot_see_or_change_assets_elsewhere()
    {
        using var admin = fixture.Admin();
        var key = await ApiKeys.IssueAsync(admin, "operator", [Places.Camden], "camden operator");
        using var camden = fixture.WithKey(key.Key);
        var mine = AssetBuilder.Footfall().At(Places.BritishMuseum);
        var theirs = AssetBuilder.Footfall().At(Places.PalaceOfWestminster);
        (await admin.PostAsync("/api/assets", theirs.Build())).AssertOk(HttpStatusCode.Created);

        (await camden.PostAsync("/api/assets", mine.Build())).AssertOk(HttpStatusCode.Created);
        (await camden.PostAsync("/api/assets", AssetBuilder.Footfall().At(Places.PalaceOfWestminster).Build())).AssertProblem(HttpStatusCode.Forbidden, "out-of-scope");
        (await camden.PostAsync("/api/assets", AssetBuilder.Footfall().At(Places.Nowhere).Build())).AssertProblem(HttpStatusCode.Forbidden, "out-of-scope");
        (await camden.SendAsync(HttpMethod.Put, $"/api/assets/{mine.Id}", mine.At(Places.PalaceOfWestminster).Build())).AssertProblem(HttpStatusCode.Forbidden, "out-of-scope");

        (await camden.GetJsonAsync($"/api/assets/{mine.Id}/twin")).AssertOk();
        (await camden.GetJsonAsync($"/api/assets/{theirs.Id}")).AssertProblem(HttpStatusCode.NotFound, "asset-not-found");
        (await camden.GetJsonAsync($"/api/assets/{theirs.Id}/twin")).AssertProblem(HttpStatusCode.NotFound, "asset-not-found");
        (await camden.SendAsync(HttpMethod.Put, $"/api/assets/{theirs.Id}", theirs.Named("taken over").Build())).AssertProblem(HttpStatusCode.NotFound, "asset-not-found");
        (await camden.SendAsync(HttpMethod.Delete, $"/api/assets/{theirs.Id}")).AssertProblem(HttpStatusCode.NotFound, "asset-not-found");
        (await camden.PostAsync($"/api/assets/{theirs.Id}/secret", "{}")).AssertProblem(HttpStatusCode.NotFound, "asset-not-found");

        var around = $"bbox={F(-0.2)},{F(51.45)},{F(-0.05)},{F(51.56)}&kind=footfall&limit=1000";
        var seen = (await camden.GetJsonAsync($"/api/assets?{around}")).AssertOk().GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(seen, i => i.GetProperty("id").GetString() == mine.Id);
        Assert.All(seen, i => Assert.Equal(Places.Camden, i.GetProperty("area").GetString()));
        (await camden.GetJsonAsync($"/api/areas/{Places.Westminster}/assets")).AssertProblem(HttpStatusCode.NotFound, "area-not-found");
        var areas = (await camden.GetJsonAsync("/api/areas")).AssertOk().EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Equal([Places.Camden], areas);
    }

    [Fact]
    public async Task An_operator_manages_assets_but_not_areas_keys_or_the_audit_log()
    {
        using var admin = fixture.Admin();
        var key = await ApiKeys.IssueAsync(admin, "operator");
        using var operatorClient = fixture.WithKey(key.Key);
        var square = new { type = "Polygon", coordinates = new[] { new[] { new[] { 10.0, 10 }, new[] { 10.1, 10 }, new[] { 10.1, 10.1 }, new[] { 10.0, 10 } } } };

        (await operatorClient.PostAsync("/api/assets", AssetBuilder.AirQuality().At(Places.PalaceOfWestminster).Build())).AssertOk(HttpStatusCode.Created);
        (await operatorClient.PostAsync("/api/areas", new { id = "op-area", name = "Op", geometry = square })).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await operatorClient.GetJsonAsync("/api/keys")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        (await operatorClient.GetJsonAsync("/api/audit")).AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Every_change_lands_in_the_audit_log_with_who_made_it()
    {
        using var admin = fixture.Admin();
        var key = await ApiKeys.IssueAsync(admin, "operator", null, "night shift");
        using var operatorClient = fixture.WithKey(key.Key);
        var asset = AssetBuilder.Footfall();
        (await operatorClient.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created);
        (await operatorClient.SendAsync(HttpMethod.Put, $"/api/assets/{asset.Id}", asset.At(Places.PalaceOfWestminster).Build())).AssertOk();
        (await operatorClient.PostAsync($"/api/assets/{asset.Id}/secret", "{}")).AssertOk();
        (await operatorClient.SendAsync(HttpMethod.Delete, $"/api/assets/{asset.Id}")).AssertOk(HttpStatusCode.NoContent);

        var entries = (await admin.GetJsonAsync("/api/audit?limit=1000")).AssertOk().GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("target").GetString() == $"asset:{asset.Id}").ToList();

        Assert.Equal(["asset.decommissioned", "device.secret-rotated", "asset.updated", "asset.registered"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Contains("night shift", e.GetProperty("actor").GetString(), StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("secret\":", e.GetRawText(), StringComparison.Ordinal));
    }
}
