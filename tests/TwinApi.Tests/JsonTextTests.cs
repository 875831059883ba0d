using System.Net;
using UrbanTwin.TestSupport;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>
/// The API writes text as UTF-8, escaping only what JSON requires: units and names read as sent
/// (<c>µg/m³</c>, <c>King's Cross</c>), not <c>\u00B5g/m\u00B3</c> or <c>King\u0027s</c>. Each
/// check reads the raw body, since a JSON parser would hide the escaping.
/// </summary>
[Collection(HostDefinition.Name)]
public sealed class JsonTextTests(HostFixture fixture)
{
    private const string Name = "King's Cross – Euston Road <north> & side";

    [Fact]
    public async Task Serialized_answers_carry_apostrophes_and_non_ascii_unescaped()
    {
        using var admin = fixture.Admin();
        var asset = AssetBuilder.AirQuality().Named(Name);
        (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created);

        var body = await admin.GetStringAsync($"/api/assets/{asset.Id}", TestContext.Current.CancellationToken);

        Assert.Contains($"\"name\":\"{Name}\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_twins_units_come_back_as_written()
    {
        using var admin = fixture.Admin();
        await using var device = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality());
        await device.SendAsync(DateTimeOffset.UtcNow, "\"no2\":41.5");

        var body = await Eventually.WaitAsync(
            () => admin.GetStringAsync($"/api/assets/{device.Id}/twin", TestContext.Current.CancellationToken),
            b => b.Contains("\"no2\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20));

        Assert.Contains("\"unit\":\"µg/m³\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_map_listing_written_by_hand_carries_names_unescaped()
    {
        // A place no other test uses, so the one nearest asset is this one.
        using var admin = fixture.Admin();
        var asset = AssetBuilder.Footfall().Named(Name).At((-0.1240, 51.5308));
        (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created);

        var body = await admin.GetStringAsync("/api/assets?near=-0.1240,51.5308&k=1", TestContext.Current.CancellationToken);

        Assert.Contains(asset.Id, body, StringComparison.Ordinal);
        Assert.Contains($"\"name\":\"{Name}\"", body, StringComparison.Ordinal);
    }
}
