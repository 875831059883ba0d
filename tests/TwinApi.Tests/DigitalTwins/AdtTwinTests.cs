using System.Net;
using System.Text.Json;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TwinApi.Tests.OpenData;

namespace UrbanTwin.TwinApi.Tests.DigitalTwins;

/// <summary>
/// Digital twins, components and relationships on the twin API: stored twins with their ETags and
/// conditions, asset twins fed by their devices' readings, and a junction's priority policy
/// patched through the twin API and applied by its grain.
/// </summary>
[Collection(HostDefinition.Name)]
public sealed class AdtTwinTests(HostFixture fixture)
{
    private const string Site = "dtmi:urbantwin:place:Site;1";
    private const string Junction = "dtmi:urbantwin:place:Junction;1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private static Dictionary<string, string> Header(string name, string value) => new() { [name] = value };

    [Fact]
    public async Task A_stored_twin_is_created_read_patched_and_deleted_under_its_etags()
    {
        using var admin = fixture.Admin();
        var id = $"site-{_run}";
        var body = Adt.Twin(Site, """ "name":"Camden Market","areaCode":"E09000007","siteType":"high-street","location":{"type":"Point","coordinates":[-0.1466,51.5414]} """);

        var created = await admin.AdtPutAsync($"/digitaltwins/{id}", body, Header("If-None-Match", "*"));
        var twin = created.Ok();
        Assert.StartsWith("W/\"", created.ETag, StringComparison.Ordinal);
        Assert.Equal(created.ETag, twin.GetProperty("$etag").GetString());
        Assert.Equal(id, twin.GetProperty("$dtId").GetString());
        Assert.Equal(Site, twin.GetProperty("$metadata").GetProperty("$model").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$", twin.GetProperty("$metadata").GetProperty("name").GetProperty("lastUpdateTime").GetString());
        (await admin.AdtPutAsync($"/digitaltwins/{id}", body, Header("If-None-Match", "*"))).Error(HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        Assert.Contains("If-None-Match: *", (await admin.AdtPutAsync($"/digitaltwins/{id}", body, Header("If-None-Match", created.ETag!))).Error(HttpStatusCode.BadRequest, "InvalidArgument"), StringComparison.Ordinal);

        var read = await admin.AdtGetAsync($"/digitaltwins/{id}");
        Assert.Equal(created.ETag, read.ETag);
        Assert.Equal(twin.GetRawText(), read.Body.GetRawText());

        var patched = await admin.AdtPatchAsync($"/digitaltwins/{id}", """[{"op":"replace","path":"/siteType","value":"park"},{"op":"add","path":"/openingHours","value":{"mon":"08-18"}}]""", Header("If-Match", created.ETag!));
        patched.Ok(HttpStatusCode.NoContent);
        Assert.NotEqual(created.ETag, patched.ETag);
        var after = (await admin.AdtGetAsync($"/digitaltwins/{id}")).Ok();
        Assert.Equal("park", after.GetProperty("siteType").GetString());
        Assert.Equal("08-18", after.GetProperty("openingHours").GetProperty("mon").GetString());
        Assert.Equal(Time(twin, "name"), Time(after, "name"));
        Assert.NotEqual(Time(twin, "siteType"), Time(after, "siteType"));
        (await admin.AdtPatchAsync($"/digitaltwins/{id}", """[{"op":"replace","path":"/name","value":"x"}]""", Header("If-Match", created.ETag!))).Error(HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        (await admin.AdtPatchAsync($"/digitaltwins/{id}", """[{"op":"replace","path":"/name","value":"x"}]""", Header("If-Match", "not-an-etag"))).Error(HttpStatusCode.BadRequest, "InvalidArgument");
        (await admin.AdtDeleteAsync($"/digitaltwins/{id}", Header("If-Match", created.ETag!))).Error(HttpStatusCode.PreconditionFailed, "PreconditionFailed");

        (await admin.AdtDeleteAsync($"/digitaltwins/{id}", Header("If-Match", patched.ETag!))).Ok(HttpStatusCode.NoContent);
        (await admin.AdtGetAsync($"/digitaltwins/{id}")).Error(HttpStatusCode.NotFound, "DigitalTwinNotFound");
        (await admin.AdtDeleteAsync($"/digitaltwins/{id}")).Error(HttpStatusCode.NotFound, "DigitalTwinNotFound");
    }

    [Theory]
    [InlineData("""{"$metadata":{"$model":"dtmi:urbantwin:place:Site;1"},"colour":"red"}""", "ValidationFailed", "has no property or component of this name")]
    [InlineData("""{"$metadata":{"$model":"dtmi:urbantwin:place:Site;1"},"siteType":"castle"}""", "ValidationFailed", "expected one of")]
    [InlineData("""{"$metadata":{"$model":"dtmi:urbantwin:place:Site;1"},"name":42}""", "ValidationFailed", "expected a value of schema string")]
    [InlineData("""{"$metadata":{"$model":"dtmi:urbantwin:place:Site;1"},"location":{"type":"Point"}}""", "ValidationFailed", "expected a value of schema point")]
    [InlineData("""{"$metadata":{"$model":"dtmi:urbantwin:place:Site;1"},"partOf":"x"}""", "ValidationFailed", "a Relationship of")]
    [InlineData("""{"$metadata":{"$model":"dtmi:example:Nothing;1"}}""", "ValidationFailed", "or one of its dependencies does not exist")]
    [InlineData("""{"name":"no model"}""", "ValidationFailed", "$metadata.$model is required")]
    [InlineData("""{"$metadata":{"$model":"dtmi:urbantwin:asset:AirQualityStation;1"}}""", "OperationNotAllowed", "/api/assets")]
    [InlineData("""[1,2]""", "InvalidArgument", "JSON object")]
    [InlineData("""{"$metadata":""", "InvalidArgument", "not valid JSON")]
    public async Task A_twin_that_does_not_match_its_model_is_refused(string body, string code, string expected)
    {
        using var admin = fixture.Admin();
        var message = (await admin.AdtPutAsync($"/digitaltwins/bad-{_run}", body)).Error(HttpStatusCode.BadRequest, code);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"op":"move","from":"/name","path":"/x"}]""", "Unsupported operation type move")]
    [InlineData("""[{"op":"replace","path":"/$dtId","value":"other"}]""", "cannot be patched")]
    [InlineData("""[{"op":"remove","path":"/nothing"}]""", "nothing to remove")]
    [InlineData("""{"op":"replace"}""", "non-empty array")]
    [InlineData("""[{"op":"replace","path":"/name"}]""", "has no value")]
    public async Task A_patch_that_cannot_apply_is_refused(string patch, string expected)
    {
        using var admin = fixture.Admin();
        var id = $"patch-{_run}";
        (await admin.AdtPutAsync($"/digitaltwins/{id}", Adt.Twin(Site, """ "name":"Kentish Town","areaCode":"E09000007" """))).Ok();
        Assert.Contains(expected, (await admin.AdtPatchAsync($"/digitaltwins/{id}", patch)).Error(HttpStatusCode.BadRequest, "JsonPatchInvalid"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_asset_twin_shows_what_its_device_just_sent()
    {
        using var admin = fixture.Admin();
        await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(Places.BritishMuseum));
        var takenAt = DateTimeOffset.UtcNow.AddSeconds(-5);

        await station.SendAsync(takenAt, "\"no2\":41.5,\"pm2_5\":9.5");
        var twin = await Eventually.WaitAsync(() => admin.AdtGetAsync($"/digitaltwins/{station.Id}"), a => a.Status == HttpStatusCode.OK && a.Body.GetProperty("latest").TryGetProperty("no2", out _), Patience);

        var body = twin.Body;
        Assert.Equal("dtmi:urbantwin:asset:AirQualityStation;1", body.GetProperty("$metadata").GetProperty("$model").GetString());
        Assert.Equal(41.5, body.GetProperty("latest").GetProperty("no2").GetDouble());
        Assert.Equal(9.5, body.GetProperty("latest").GetProperty("pm2_5").GetDouble());
        Assert.Equal(takenAt.ToUnixTimeMilliseconds(), DateTimeOffset.Parse(body.GetProperty("latest").GetProperty("$metadata").GetProperty("no2").GetProperty("sourceTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
        Assert.Equal(Places.Camden, body.GetProperty("areaCode").GetString());
        Assert.Equal(twin.ETag, body.GetProperty("$etag").GetString());
        var component = await admin.AdtGetAsync($"/digitaltwins/{station.Id}/components/latest");
        Assert.Equal(41.5, component.Ok().GetProperty("no2").GetDouble());
        Assert.Equal(twin.ETag, component.ETag);

        await station.SendAsync(takenAt.AddSeconds(1), "\"no2\":55");
        var moved = await Eventually.WaitAsync(() => admin.AdtGetAsync($"/digitaltwins/{station.Id}"), a => a.Body.GetProperty("latest").GetProperty("no2").GetDouble() == 55, Patience);
        Assert.NotEqual(twin.ETag, moved.ETag);

        (await admin.AdtPutAsync($"/digitaltwins/{station.Id}", Adt.Twin(Site))).Error(HttpStatusCode.BadRequest, "OperationNotAllowed");
        (await admin.AdtDeleteAsync($"/digitaltwins/{station.Id}")).Error(HttpStatusCode.BadRequest, "OperationNotAllowed");
        (await admin.AdtPatchAsync($"/digitaltwins/{station.Id}", """[{"op":"replace","path":"/latest/no2","value":1}]""")).Error(HttpStatusCode.BadRequest, "ValidationFailed");
    }

    [Fact]
    public async Task A_junctions_priority_policy_patched_through_the_twin_takes_effect_in_its_grain()
    {
        using var admin = fixture.Admin();
        var junction = AssetBuilder.BusPriority().At(Places.BritishMuseum);
        var secret = await admin.RegisterAsync(junction);
        await using var device = await DeviceClient.ConnectAsync(fixture.Host.MqttPort, junction.Id, secret);
        var before = await admin.AdtGetAsync($"/digitaltwins/{junction.Id}");
        Assert.Equal(60, before.Ok().GetProperty("priorityPolicy").GetProperty("lateThreshold").GetDouble());

        var patched = await admin.AdtPatchAsync($"/digitaltwins/{junction.Id}/components/priorityPolicy", """[{"op":"replace","path":"/lateThreshold","value":20},{"op":"replace","path":"/maxGrantsPerHour","value":30}]""", Header("If-Match", before.ETag!));
        patched.Ok(HttpStatusCode.NoContent);

        // 30 s late: on time under the node's 60 s threshold, late under the junction's own 20 s.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await device.PublishAsync(DeviceTopic.Request(junction.Id), $$"""{"seq":1,"ts":{{now}},"vehicle":"LX11ABC","route":"24","approach":"north","etaSeconds":30,"lateSeconds":30}""");
        var twin = await Eventually.WaitAsync(() => admin.GetJsonAsync($"/api/assets/{junction.Id}/twin"), a => a.Body.GetProperty("busPriority").GetProperty("requests").GetInt64() == 1, Patience);
        var decision = twin.Body.GetProperty("busPriority").GetProperty("recentDecisions")[0];
        Assert.Equal("granted", decision.GetProperty("decision").GetString());
        Assert.Equal("late", decision.GetProperty("reason").GetString());

        var after = await admin.AdtGetAsync($"/digitaltwins/{junction.Id}");
        Assert.StartsWith("W/\"", patched.ETag, StringComparison.Ordinal);
        Assert.Equal(20, after.Body.GetProperty("priorityPolicy").GetProperty("lateThreshold").GetDouble());
        Assert.Equal(30, after.Body.GetProperty("priorityPolicy").GetProperty("maxGrantsPerHour").GetInt32());
        Assert.Equal(1, after.Body.GetProperty("priorityStatistics").GetProperty("granted").GetInt64());

        (await admin.AdtPatchAsync($"/digitaltwins/{junction.Id}", """[{"op":"remove","path":"/priorityPolicy/lateThreshold"}]""")).Ok(HttpStatusCode.NoContent);
        Assert.Equal(60, (await admin.AdtGetAsync($"/digitaltwins/{junction.Id}")).Ok().GetProperty("priorityPolicy").GetProperty("lateThreshold").GetDouble());
        (await admin.AdtPatchAsync($"/digitaltwins/{junction.Id}", """[{"op":"replace","path":"/priorityPolicy/congestionOccupancy","value":140}]""")).Error(HttpStatusCode.BadRequest, "ValidationFailed");
        (await admin.AdtPatchAsync($"/digitaltwins/{junction.Id}", """[{"op":"replace","path":"/name","value":"renamed"}]""")).Error(HttpStatusCode.BadRequest, "ValidationFailed");
        (await admin.AdtPatchAsync($"/digitaltwins/{junction.Id}", """[{"op":"replace","path":"/priorityPolicy/lateThreshold","value":5}]""", Header("If-Match", before.ETag!))).Error(HttpStatusCode.PreconditionFailed, "PreconditionFailed");
    }

    [Fact]
    public async Task Relationships_follow_their_models_and_are_listed_both_ways_in_pages()
    {
        using var admin = fixture.Admin();
        var area = $"area-{_run}";
        var junctions = Enumerable.Range(0, 3).Select(i => $"junction-{i}-{_run}").ToList();
        (await admin.AdtPutAsync($"/digitaltwins/{area}", Adt.Twin("dtmi:urbantwin:place:Area;1", """ "name":"Camden","areaCode":"E09000007" """))).Ok();
        foreach (var junction in junctions)
        {
            (await admin.AdtPutAsync($"/digitaltwins/{junction}", Adt.Twin(Junction, """ "signalled":true,"approaches":["north","south"],"areaCode":"E09000007" """))).Ok();
            var made = await admin.AdtPutAsync($"/digitaltwins/{junction}/relationships/part", $$"""{"$targetId":"{{area}}","$relationshipName":"partOf","note":"borough"}""", Header("If-None-Match", "*"));
            Assert.Equal(junction, made.Ok().GetProperty("$sourceId").GetString());
            Assert.StartsWith("W/\"", made.ETag, StringComparison.Ordinal);
        }

        var station = AssetBuilder.AirQuality().At(Places.BritishMuseum);
        await MapQueries.RegisterAsync(admin, station);
        (await admin.AdtPutAsync($"/digitaltwins/{station.Id}/relationships/where", $$"""{"$targetId":"{{junctions[0]}}","$relationshipName":"locatedIn"}"""))
            .Ok();
        Assert.Contains("the most its model allows", (await admin.AdtPutAsync($"/digitaltwins/{station.Id}/relationships/where2", $$"""{"$targetId":"{{junctions[1]}}","$relationshipName":"locatedIn"}""")).Error(HttpStatusCode.BadRequest, "ValidationFailed"), StringComparison.Ordinal);
        (await admin.AdtPutAsync($"/digitaltwins/{junctions[0]}/relationships/part", $$"""{"$targetId":"{{area}}","$relationshipName":"partOf"}""", Header("If-None-Match", "*"))).Error(HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        (await admin.AdtPutAsync($"/digitaltwins/{junctions[0]}/relationships/x", $$"""{"$targetId":"nothing-{{_run}}","$relationshipName":"partOf"}""")).Error(HttpStatusCode.NotFound, "TargetTwinNotFound");
        (await admin.AdtPutAsync($"/digitaltwins/{junctions[0]}/relationships/x", $$"""{"$targetId":"{{area}}","$relationshipName":"controls"}""")).Error(HttpStatusCode.BadRequest, "ValidationFailed");
        (await admin.AdtPutAsync($"/digitaltwins/{area}/relationships/x", $$"""{"$targetId":"{{station.Id}}","$relationshipName":"partOf"}""")).Error(HttpStatusCode.BadRequest, "ValidationFailed");
        (await admin.AdtPutAsync($"/digitaltwins/{area}/relationships/x", $$"""{"$targetId":"{{area}}","$relationshipName":"partOf"}""")).Error(HttpStatusCode.BadRequest, "OperationNotAllowed");

        var first = (await admin.AdtAsync(HttpMethod.Get, $"/digitaltwins/{area}/incomingrelationships", headers: Header("max-items-per-page", "2"))).Ok();
        var next = first.GetProperty("nextLink").GetString()!;
        Assert.StartsWith($"https://{fixture.Host.BaseUri.Authority}/digitaltwins/{area}/incomingrelationships?", next, StringComparison.Ordinal);
        var second = (await admin.AdtGetAsync(new Uri(next).PathAndQuery)).Ok();
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextLink").ValueKind);
        var incoming = first.GetProperty("value").EnumerateArray().Concat(second.GetProperty("value").EnumerateArray()).ToList();
        Assert.Equal(junctions, incoming.Select(r => r.GetProperty("$sourceId").GetString()).Order());
        Assert.All(incoming, r => Assert.Equal($"/digitaltwins/{r.GetProperty("$sourceId").GetString()}/relationships/part", r.GetProperty("$relationshipLink").GetString()));

        var relationship = await admin.AdtGetAsync($"/digitaltwins/{junctions[1]}/relationships/part");
        Assert.Equal("borough", relationship.Ok().GetProperty("note").GetString());
        (await admin.AdtPatchAsync($"/digitaltwins/{junctions[1]}/relationships/part", """[{"op":"replace","path":"/note","value":"ward"}]""", Header("If-Match", relationship.ETag!))).Ok(HttpStatusCode.NoContent);
        (await admin.AdtPatchAsync($"/digitaltwins/{junctions[1]}/relationships/part", """[{"op":"replace","path":"/note","value":"x"}]""", Header("If-Match", relationship.ETag!))).Error(HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        Assert.Equal("ward", (await admin.AdtGetAsync($"/digitaltwins/{junctions[1]}/relationships/part")).Ok().GetProperty("note").GetString());
        var named = (await admin.AdtGetAsync($"/digitaltwins/{station.Id}/relationships?relationshipName=locatedIn")).Ok().GetProperty("value");
        Assert.Equal("where", Assert.Single(named.EnumerateArray()).GetProperty("$relationshipId").GetString());
        Assert.Empty((await admin.AdtGetAsync($"/digitaltwins/{station.Id}/relationships?relationshipName=monitors")).Ok().GetProperty("value").EnumerateArray());

        (await admin.AdtDeleteAsync($"/digitaltwins/{area}")).Error(HttpStatusCode.BadRequest, "RelationshipsNotDeleted");
        (await admin.AdtDeleteAsync($"/digitaltwins/{station.Id}/relationships/where")).Ok(HttpStatusCode.NoContent);
        (await admin.AdtDeleteAsync($"/digitaltwins/{station.Id}/relationships/where")).Error(HttpStatusCode.NotFound, "RelationshipNotFound");
        foreach (var junction in junctions)
        {
            (await admin.AdtDeleteAsync($"/digitaltwins/{junction}/relationships/part")).Ok(HttpStatusCode.NoContent);
        }

        (await admin.AdtDeleteAsync($"/digitaltwins/{area}")).Ok(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_relationship_holds_only_the_properties_its_model_declares_each_of_its_schema()
    {
        using var admin = fixture.Admin();
        var (site, area) = ($"site-{_run}", $"area-{_run}");
        (await admin.AdtPutAsync($"/digitaltwins/{area}", Adt.Twin("dtmi:urbantwin:place:Area;1", """ "name":"Camden","areaCode":"E09000007" """))).Ok();
        (await admin.AdtPutAsync($"/digitaltwins/{site}", Adt.Twin(Site, """ "name":"Camden Market","siteType":"park","areaCode":"E09000007" """))).Ok();
        var path = $"/digitaltwins/{site}/relationships/in";

        var wrongType = (await admin.AdtPutAsync(path, $$"""{"$targetId":"{{area}}","$relationshipName":"partOf","note":5}""")).Error(HttpStatusCode.BadRequest, "ValidationFailed");
        var undeclared = (await admin.AdtPutAsync(path, $$"""{"$targetId":"{{area}}","$relationshipName":"partOf","note":"borough","since":2019}""")).Error(HttpStatusCode.BadRequest, "ValidationFailed");
        (await admin.AdtGetAsync(path)).Error(HttpStatusCode.NotFound, "RelationshipNotFound");
        var made = await admin.AdtPutAsync(path, $$"""{"$targetId":"{{area}}","$relationshipName":"partOf","note":"borough"}""");
        made.Ok();
        var patchedWrong = (await admin.AdtPatchAsync(path, """[{"op":"replace","path":"/note","value":["ward"]}]""")).Error(HttpStatusCode.BadRequest, "ValidationFailed");
        var patchedUndeclared = (await admin.AdtPatchAsync(path, """[{"op":"add","path":"/colour","value":"red"}]""")).Error(HttpStatusCode.BadRequest, "ValidationFailed");
        (await admin.AdtPatchAsync(path, """[{"op":"replace","path":"/note","value":"ward"}]""", Header("If-Match", made.ETag!))).Ok(HttpStatusCode.NoContent);
        var stored = (await admin.AdtGetAsync(path)).Ok();

        Assert.Contains("note", wrongType, StringComparison.Ordinal);
        Assert.Contains("since: 'partOf' relationships of dtmi:urbantwin:place:Site;1 have no property of this name", undeclared, StringComparison.Ordinal);
        Assert.Contains("note", patchedWrong, StringComparison.Ordinal);
        Assert.Contains("colour", patchedUndeclared, StringComparison.Ordinal);
        Assert.Equal("ward", stored.GetProperty("note").GetString());
        Assert.False(stored.TryGetProperty("colour", out _));
        (await admin.AdtDeleteAsync(path)).Ok(HttpStatusCode.NoContent);
    }

    private static string? Time(JsonElement twin, string property) =>
        twin.GetProperty("$metadata").GetProperty(property).GetProperty("lastUpdateTime").GetString();
}
