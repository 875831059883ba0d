using System.Net;
using System.Text.Json;
using UrbanTwin.TwinApi.Tests.Access;

namespace UrbanTwin.TwinApi.Tests.DigitalTwins;

/// <summary>
/// A key limited to Camden, on the twin API, never sees nor changes a twin outside Camden: not by
/// id, not by writing one there or moving one there, not through a relationship, and not through
/// a query, its JOINs, its MATCH hops, its relationships or a continuation token.
/// </summary>
[Collection(HostDefinition.Name)]
public sealed class AdtScopeTests(HostFixture fixture) : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private HttpClient _admin = null!;
    private HttpClient _camden = null!;
    private AssetBuilder _camdenStation = null!;
    private AssetBuilder _westminsterStation = null!;

    private string CamdenSite => $"c-site-{_run}";

    private string CamdenArea => $"c-area-{_run}";

    private string WestminsterSite => $"w-site-{_run}";

    private string WestminsterArea => $"w-area-{_run}";

    private string Unplaced => $"u-site-{_run}";

    private IEnumerable<string> Outside => [WestminsterSite, WestminsterArea, Unplaced, _westminsterStation.Id];

    public async ValueTask InitializeAsync()
    {
        _admin = fixture.Admin();
        _camden = fixture.WithKey((await ApiKeys.IssueAsync(_admin, "operator", [Places.Camden], "camden twins")).Key);
        _camdenStation = AssetBuilder.AirQuality().At(Places.BritishMuseum);
        _westminsterStation = AssetBuilder.AirQuality().At(Places.PalaceOfWestminster);
        await MapQueries.RegisterAsync(_admin, _camdenStation);
        await MapQueries.RegisterAsync(_admin, _westminsterStation);
        await Put(CamdenArea, "dtmi:urbantwin:place:Area;1", Places.Camden);
        await Put(WestminsterArea, "dtmi:urbantwin:place:Area;1", Places.Westminster);
        await Put(CamdenSite, "dtmi:urbantwin:place:Site;1", Places.Camden);
        await Put(WestminsterSite, "dtmi:urbantwin:place:Site;1", Places.Westminster);
        await Put(Unplaced, "dtmi:urbantwin:place:Site;1", null);
        await Relate(CamdenSite, "home", CamdenArea, "partOf");
        await Relate(CamdenSite, "across", WestminsterArea, "partOf");
        await Relate(WestminsterSite, "home", WestminsterArea, "partOf");
        await Relate(_camdenStation.Id, "watch-c", CamdenSite, "monitors");
        await Relate(_camdenStation.Id, "watch-w", WestminsterSite, "monitors");
        await Relate(_westminsterStation.Id, "watch-c", CamdenSite, "monitors");
    }

    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _camden.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Twins_outside_the_keys_areas_are_not_found_and_cannot_be_changed()
    {
        (await _camden.AdtGetAsync($"/digitaltwins/{CamdenSite}")).Ok();
        (await _camden.AdtGetAsync($"/digitaltwins/{_camdenStation.Id}")).Ok();
        foreach (var id in Outside)
        {
            (await _camden.AdtGetAsync($"/digitaltwins/{id}")).Error(HttpStatusCode.NotFound, "DigitalTwinNotFound");
            (await _camden.AdtPatchAsync($"/digitaltwins/{id}", """[{"op":"replace","path":"/name","value":"mine now"}]""")).Error(HttpStatusCode.NotFound, "DigitalTwinNotFound");
            (await _camden.AdtDeleteAsync($"/digitaltwins/{id}")).Error(HttpStatusCode.NotFound, "DigitalTwinNotFound");
            (await _camden.AdtGetAsync($"/digitaltwins/{id}/relationships")).Error(HttpStatusCode.NotFound, "DigitalTwinNotFound");
            (await _camden.AdtGetAsync($"/digitaltwins/{id}/incomingrelationships")).Error(HttpStatusCode.NotFound, "DigitalTwinNotFound");
            (await _camden.AdtGetAsync($"/digitaltwins/{id}/components/latest")).Error(HttpStatusCode.NotFound, "DigitalTwinNotFound");
        }

        (await _camden.AdtPutAsync($"/digitaltwins/{WestminsterSite}", Twin("dtmi:urbantwin:place:Site;1", Places.Camden))).Error(HttpStatusCode.Forbidden, "Forbidden");
        (await _camden.AdtPutAsync($"/digitaltwins/new-w-{_run}", Twin("dtmi:urbantwin:place:Site;1", Places.Westminster))).Error(HttpStatusCode.Forbidden, "Forbidden");
        (await _camden.AdtPutAsync($"/digitaltwins/new-u-{_run}", Twin("dtmi:urbantwin:place:Site;1", null))).Error(HttpStatusCode.Forbidden, "Forbidden");
        (await _camden.AdtPatchAsync($"/digitaltwins/{CamdenSite}", $$"""[{"op":"replace","path":"/areaCode","value":"{{Places.Westminster}}"}]""")).Error(HttpStatusCode.Forbidden, "Forbidden");
        (await _camden.AdtPatchAsync($"/digitaltwins/{CamdenSite}", """[{"op":"remove","path":"/areaCode"}]""")).Error(HttpStatusCode.Forbidden, "Forbidden");

        Assert.Equal(Places.Camden, (await _admin.AdtGetAsync($"/digitaltwins/{CamdenSite}")).Ok().GetProperty("areaCode").GetString());
        Assert.Equal("site", (await _admin.AdtGetAsync($"/digitaltwins/{WestminsterSite}")).Ok().GetProperty("name").GetString());
        (await _admin.AdtGetAsync($"/digitaltwins/new-w-{_run}")).Error(HttpStatusCode.NotFound, "DigitalTwinNotFound");
    }

    [Fact]
    public async Task Relationships_reaching_outside_the_keys_areas_are_not_found_and_cannot_be_made()
    {
        (await _camden.AdtGetAsync($"/digitaltwins/{CamdenSite}/relationships/home")).Ok();
        (await _camden.AdtGetAsync($"/digitaltwins/{CamdenSite}/relationships/across")).Error(HttpStatusCode.NotFound, "RelationshipNotFound");
        (await _camden.AdtPatchAsync($"/digitaltwins/{CamdenSite}/relationships/across", """[{"op":"add","path":"/note","value":"x"}]""")).Error(HttpStatusCode.NotFound, "RelationshipNotFound");
        (await _camden.AdtDeleteAsync($"/digitaltwins/{CamdenSite}/relationships/across")).Error(HttpStatusCode.NotFound, "RelationshipNotFound");
        (await _camden.AdtGetAsync($"/digitaltwins/{_camdenStation.Id}/relationships/watch-w")).Error(HttpStatusCode.NotFound, "RelationshipNotFound");

        var listed = Ids((await _camden.AdtGetAsync($"/digitaltwins/{CamdenSite}/relationships")).Ok().GetProperty("value"), "$relationshipId");
        Assert.Equal(["home"], listed);
        var incoming = Ids((await _camden.AdtGetAsync($"/digitaltwins/{CamdenSite}/incomingrelationships")).Ok().GetProperty("value"), "$sourceId");
        Assert.Equal([_camdenStation.Id], incoming);

        (await _camden.AdtPutAsync($"/digitaltwins/{CamdenSite}/relationships/sneak", $$"""{"$targetId":"{{WestminsterSite}}","$relationshipName":"partOf"}""")).Error(HttpStatusCode.NotFound, "TargetTwinNotFound");
        (await _camden.AdtPutAsync($"/digitaltwins/{WestminsterSite}/relationships/sneak", $$"""{"$targetId":"{{CamdenSite}}","$relationshipName":"partOf"}""")).Error(HttpStatusCode.NotFound, "DigitalTwinNotFound");
        (await _admin.AdtGetAsync($"/digitaltwins/{CamdenSite}/relationships/across")).Ok();
    }

    [Fact]
    public async Task Queries_never_return_a_twin_outside_the_keys_areas_whatever_the_path()
    {
        var outside = Outside.ToHashSet();
        var queries = new[]
        {
            "SELECT * FROM DIGITALTWINS",
            $"SELECT * FROM DIGITALTWINS WHERE $dtId IN ['{WestminsterSite}', '{Unplaced}', '{_westminsterStation.Id}', '{CamdenSite}']",
            "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:urbantwin:asset:Asset;1')",
            $"SELECT S, A FROM DIGITALTWINS S JOIN A RELATED S.partOf WHERE S.$dtId = '{CamdenSite}'",
            $"SELECT S, A FROM DIGITALTWINS S JOIN A RELATED S.partOf WHERE S.$dtId = '{WestminsterSite}'",
            $"SELECT A, S FROM DIGITALTWINS MATCH (S)-[:partOf]->(A) WHERE S.$dtId = '{CamdenSite}'",
            $"SELECT S, X FROM DIGITALTWINS MATCH (X)-[:monitors]->(S) WHERE S.$dtId = '{CamdenSite}'",
            $"SELECT S, X FROM DIGITALTWINS MATCH (X)<-[]-(S) WHERE X.$dtId = '{CamdenSite}'",
            $"SELECT S, X, R FROM DIGITALTWINS MATCH (X)-[R]-(S) WHERE X.$dtId = '{CamdenSite}'",
            "SELECT R FROM RELATIONSHIPS R",
            "SELECT * FROM RELATIONSHIPS",
        };

        foreach (var query in queries)
        {
            var rows = await _camden.QueryAllAsync(query, pageSize: 2);
            var reached = rows.SelectMany(Reached).ToList();
            Assert.True(!reached.Any(outside.Contains), $"{query} reached {string.Join(", ", reached.Where(outside.Contains))}");
        }

        var sites = await _camden.QueryAllAsync($"SELECT A FROM DIGITALTWINS MATCH (S)-[:partOf]->(A) WHERE S.$dtId = '{CamdenSite}'");
        Assert.Equal([CamdenArea], sites.Select(r => r.GetProperty("A").GetProperty("$dtId").GetString()));
        var everything = await _admin.QueryAllAsync($"SELECT A FROM DIGITALTWINS MATCH (S)-[:partOf]->(A) WHERE S.$dtId = '{CamdenSite}'");
        Assert.Equal(2, everything.Count);
        var counted = (await _camden.QueryAsync($"SELECT COUNT() FROM DIGITALTWINS WHERE $dtId IN ['{WestminsterSite}', '{CamdenSite}']")).Ok();
        Assert.Equal(1, counted.GetProperty("value")[0].GetProperty("COUNT").GetInt32());

        // A token from an unscoped key's query does not carry its scope.
        var page = (await _admin.QueryAsync($"SELECT * FROM DIGITALTWINS WHERE $dtId IN ['{CamdenSite}', '{WestminsterSite}', '{WestminsterArea}']", pageSize: 1)).Ok();
        var token = page.GetProperty("continuationToken").GetString();
        var resumed = (await _camden.AdtAsync(HttpMethod.Post, "/query", JsonSerializer.Serialize(new { continuationToken = token }))).Ok();
        Assert.DoesNotContain(resumed.GetProperty("value").EnumerateArray().SelectMany(Reached), outside.Contains);
    }

    /// <summary>Every twin id a row shows: a twin's own, a relationship's ends, and those of each aliased twin or relationship.</summary>
    private static IEnumerable<string> Reached(JsonElement row)
    {
        foreach (var name in new[] { "$dtId", "$sourceId", "$targetId" })
        {
            if (row.TryGetProperty(name, out var id))
            {
                yield return id.GetString()!;
            }
        }

        foreach (var member in row.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Object && !m.Name.StartsWith('$')))
        {
            foreach (var id in Reached(member.Value))
            {
                yield return id;
            }
        }
    }

    private static List<string?> Ids(JsonElement items, string name) => [.. items.EnumerateArray().Select(i => i.GetProperty(name).GetString()).Order()];

    private static string Twin(string model, string? area) =>
        Adt.Twin(model, area is null ? "\"name\":\"site\"" : $"\"name\":\"site\",\"areaCode\":\"{area}\"");

    private async Task Put(string id, string model, string? area) => (await _admin.AdtPutAsync($"/digitaltwins/{id}", Twin(model, area))).Ok();

    private async Task Relate(string source, string id, string target, string name) =>
        (await _admin.AdtPutAsync($"/digitaltwins/{source}/relationships/{id}", $$"""{"$targetId":"{{target}}","$relationshipName":"{{name}}"}""")).Ok();
}
