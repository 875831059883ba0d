using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using UrbanTwin.TestSupport;

namespace UrbanTwin.TwinApi.Tests.DigitalTwins;

/// <summary>
/// The product's DTDL models (<c>firmware-contracts/dtdl</c>), served at <c>/models</c>, and the
/// DTDL v3 rules the node checks every model against, its own (it does not start otherwise) and
/// those uploaded through the twin API.
/// </summary>
[Collection(HostDefinition.Name)]
public sealed class DtdlModelTests(HostFixture fixture)
{
    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];

    private static string Directory => Path.Combine(RepositoryPaths.Root, "firmware-contracts", "dtdl");

    public static TheoryData<string, string> InvalidModels => new()
    {
        { """{"@context":"dtmi:dtdl:context;3","@id":"urn:not-a-dtmi","@type":"Interface"}""", "'@id' must be a DTMI" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:_system;1","@type":"Interface"}""", "'@id' must be a DTMI" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;01","@type":"Interface"}""", "'@id' must be a DTMI" },
        { """{"@id":"dtmi:x:y:Z;1","@type":"Interface"}""", "'@context' must start with" },
        { """{"@context":"dtmi:dtdl:context;1","@id":"dtmi:x:y:Z;1","@type":"Interface"}""", "'@context' must start with" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Telemetry"}""", "'@type' must be \"Interface\"" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","colour":"red"}""", "'colour' is not a property of an Interface" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":"Property","name":"1st","schema":"double"}]}""", "'name' must match" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":"Property","name":"a","schema":"double"},{"@type":"Telemetry","name":"a","schema":"double"}]}""", "the name 'a' is used twice" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":"Property","name":"a"}]}""", "'schema' is required" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":"Property","name":"a","schema":"decimal"}]}""", "neither a primitive schema" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":"Gadget","name":"a"}]}""", "'@type' must be Property, Telemetry" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":"Telemetry","name":"a","schema":"double","writable":true}]}""", "'writable' is a boolean of Properties and Relationships" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":"Property","name":"a","schema":{"@type":"Enum","valueSchema":"integer","enumValues":[{"name":"one","enumValue":"1"}]}}]}""", "an 'enumValue' of its valueSchema" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":"Property","name":"a","schema":{"@type":"Map","mapKey":{"name":"k","schema":"integer"},"mapValue":{"name":"v","schema":"double"}}}]}""", "'mapKey' needs a 'name' and the schema string" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":"Property","name":"a","schema":{"@type":"Array","elementSchema":{"@type":"Array","elementSchema":{"@type":"Array","elementSchema":{"@type":"Array","elementSchema":{"@type":"Array","elementSchema":{"@type":"Array","elementSchema":"double"}}}}}}}]}""", "nest at most 5 levels" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":["Telemetry","Temperature"],"name":"t","schema":"double","unit":"degreeCelsius"}]}""", "semantic types need the context" },
        { """{"@context":["dtmi:dtdl:context;3","dtmi:dtdl:extension:quantitativeTypes;1"],"@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":["Telemetry","Temperature"],"name":"t","schema":"double","unit":"metre"}]}""", "'metre' is not a unit of Temperature" },
        { """{"@context":["dtmi:dtdl:context;3","dtmi:dtdl:extension:quantitativeTypes;1"],"@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":["Telemetry","Temperature"],"name":"t","schema":"string","unit":"kelvin"}]}""", "a semantic type needs a numeric schema" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":"Telemetry","name":"t","schema":"double","unit":"kelvin"}]}""", "'unit' needs a semantic type" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":"Relationship","name":"r","minMultiplicity":1}]}""", "'minMultiplicity' must be 0" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":"Relationship","name":"r","maxMultiplicity":0}]}""", "'maxMultiplicity' must be an integer of at least 1" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":"Relationship","name":"r","target":"dtmi:x:y:Nowhere;1"}]}""", "targets 'dtmi:x:y:Nowhere;1', which is neither in this set nor stored" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","extends":"dtmi:x:y:Nowhere;1"}""", "extends 'dtmi:x:y:Nowhere;1', which is neither in this set nor stored" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","contents":[{"@type":"Component","name":"c","schema":"dtmi:urbantwin:asset:AirQualityStation;1"}]}""", "which has Components of its own" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:y:Z;1","@type":"Interface","extends":"dtmi:urbantwin:place:Site;1","contents":[{"@type":"Property","name":"areaCode","schema":"string"}]}""", "the name 'areaCode' is already declared by dtmi:urbantwin:place:Place;1" },
        { """{"@context":"dtmi:dtdl:context;3","@id":"dtmi:urbantwin:place:Site;1","@type":"Interface"}""", "Some of the model ids already exist" },
    };

    [Fact]
    public async Task The_product_models_are_served_at_models_as_kept_in_the_repository()
    {
        using var anonymous = fixture.Anonymous();
        var served = (await anonymous.AdtAsync(HttpMethod.Get, "/models", version: null)).Ok().EnumerateArray().ToDictionary(m => m.GetProperty("@id").GetString()!);

        var files = System.IO.Directory.GetFiles(Directory, "*.json").Select(f => JsonNode.Parse(File.ReadAllText(f))!).ToList();
        Assert.Equal(files.Count, served.Count);
        foreach (var file in files)
        {
            Assert.True(JsonNode.DeepEquals(file, JsonNode.Parse(served[(string)file["@id"]!].GetRawText())), $"{file["@id"]} differs from its file");
        }

        foreach (var model in new[] { "asset:AirQualityStation", "asset:FootfallCounter", "asset:BusPriorityJunction", "place:Area", "place:Site", "place:Junction", "place:StreetSegment" })
        {
            Assert.Contains($"dtmi:urbantwin:{model};1", served.Keys);
        }

        var relationships = served.Values.SelectMany(m => m.TryGetProperty("contents", out var c) ? c.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(c => c.GetProperty("@type").ToString() == "Relationship").Select(c => c.GetProperty("name").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "locatedIn", "monitors", "controls", "partOf" }, relationships);
        Assert.All(served.Values, m => Assert.StartsWith("dtmi:dtdl:context;3", m.GetProperty("@context").ToString().Trim('[', '"', ' ')));
    }

    [Fact]
    public async Task The_product_models_pass_the_checks_an_upload_gets()
    {
        using var admin = fixture.Admin();
        var copies = new JsonArray();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.json"))
        {
            copies.Add(JsonNode.Parse(File.ReadAllText(file).Replace("dtmi:urbantwin:", $"dtmi:copy{Run}:", StringComparison.Ordinal)));
        }

        var stored = (await admin.AdtAsync(HttpMethod.Post, "/models", copies.ToJsonString())).Ok(HttpStatusCode.Created);

        Assert.Equal(copies.Count, stored.GetArrayLength());
        Assert.All(stored.EnumerateArray(), m => Assert.False(m.TryGetProperty("model", out _)));
    }

    [Theory]
    [MemberData(nameof(InvalidModels))]
    public async Task A_model_breaking_a_rule_is_refused_with_the_rule(string model, string expected)
    {
        using var admin = fixture.Admin();
        var answer = await admin.AdtAsync(HttpMethod.Post, "/models", $"[{model}]");

        var message = answer.Status == HttpStatusCode.Conflict ? answer.Error(HttpStatusCode.Conflict, "ModelIdAlreadyExists") : answer.Error(HttpStatusCode.BadRequest, "DTDLParserError");
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_is_all_or_nothing_and_extends_may_not_make_a_cycle()
    {
        using var admin = fixture.Admin();
        var good = $"dtmi:test{Run}:Good;1";
        var batch = $$"""[{"@context":"dtmi:dtdl:context;3","@id":"{{good}}","@type":"Interface"},{"@context":"dtmi:dtdl:context;3","@id":"dtmi:test{{Run}}:Bad;1","@type":"Interface","contents":[{"@type":"Property","name":"x"}]}]""";
        var cycle = $$"""[{"@context":"dtmi:dtdl:context;3","@id":"dtmi:test{{Run}}:A;1","@type":"Interface","extends":"dtmi:test{{Run}}:B;1"},{"@context":"dtmi:dtdl:context;3","@id":"dtmi:test{{Run}}:B;1","@type":"Interface","extends":"dtmi:test{{Run}}:A;1"}]""";

        (await admin.AdtAsync(HttpMethod.Post, "/models", batch)).Error(HttpStatusCode.BadRequest, "DTDLParserError");
        (await admin.AdtGetAsync($"/models/{Uri.EscapeDataString(good)}")).Error(HttpStatusCode.NotFound, "ModelNotFound");
        Assert.Contains("makes a cycle", (await admin.AdtAsync(HttpMethod.Post, "/models", cycle)).Error(HttpStatusCode.BadRequest, "DTDLParserError"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_are_decommissioned_and_deleted_unless_the_product_or_another_model_needs_them()
    {
        using var admin = fixture.Admin();
        var parent = $"dtmi:test{Run}:Parent;1";
        var child = $"dtmi:test{Run}:Child;1";
        (await admin.AdtAsync(HttpMethod.Post, "/models", $$$"""[{"@context":"dtmi:dtdl:context;3","@id":"{{{parent}}}","@type":"Interface","displayName":{"en":"Parent","fr":"Parent"}},{"@context":"dtmi:dtdl:context;3","@id":"{{{child}}}","@type":"Interface","extends":"{{{parent}}}"}]""")).Ok(HttpStatusCode.Created);
        const string decommission = """[{"op":"replace","path":"/decommissioned","value":true}]""";

        (await admin.AdtPatchAsync($"/models/{Uri.EscapeDataString(child)}", decommission)).Ok(HttpStatusCode.NoContent);
        Assert.True((await admin.AdtGetAsync($"/models/{Uri.EscapeDataString(child)}")).Ok().GetProperty("decommissioned").GetBoolean());
        (await admin.AdtPutAsync($"/digitaltwins/t-{Run}", Adt.Twin(child))).Error(HttpStatusCode.BadRequest, "ModelDecommissioned");
        (await admin.AdtDeleteAsync($"/models/{Uri.EscapeDataString(parent)}")).Error(HttpStatusCode.Conflict, "ModelReferencesNotDeleted");
        (await admin.AdtDeleteAsync("/models/dtmi%3Aurbantwin%3Aplace%3ASite%3B1")).Error(HttpStatusCode.BadRequest, "OperationNotAllowed");
        (await admin.AdtDeleteAsync($"/models/{Uri.EscapeDataString(child)}")).Ok(HttpStatusCode.NoContent);
        (await admin.AdtDeleteAsync($"/models/{Uri.EscapeDataString(parent)}")).Ok(HttpStatusCode.NoContent);
        (await admin.AdtGetAsync($"/models/{Uri.EscapeDataString(parent)}")).Error(HttpStatusCode.NotFound, "ModelNotFound");
    }

    [Theory]
    [InlineData("2020-10-31")]
    [InlineData("2022-05-31")]
    [InlineData("2023-06-30")]
    [InlineData("2023-10-31")]
    public async Task Each_stable_api_version_is_answered(string version)
    {
        using var admin = fixture.Admin();
        var model = (await admin.AdtAsync(HttpMethod.Get, "/models/dtmi%3Aurbantwin%3Aplace%3ASite%3B1?includeModelDefinition=true", version: version)).Ok();
        Assert.Equal("dtmi:urbantwin:place:Site;1", model.GetProperty("model").GetProperty("@id").GetString());
        Assert.Equal("Site", model.GetProperty("displayName").GetProperty("en").GetString());
    }

    [Theory]
    [InlineData(null, "MissingApiVersionParameter")]
    [InlineData("", "MissingApiVersionParameter")]
    [InlineData("2021-06-30-preview", "UnsupportedApiVersion")]
    [InlineData("2099-01-01", "UnsupportedApiVersion")]
    public async Task Other_api_versions_are_refused_in_the_error_shape_of_the_service(string? version, string code)
    {
        using var admin = fixture.Admin();
        var path = version is null ? "/digitaltwins/anything" : $"/digitaltwins/anything?api-version={version}";
        var answer = await admin.AdtAsync(HttpMethod.Get, path, version: null);
        answer.Error(HttpStatusCode.BadRequest, code);
        (await admin.AdtAsync(HttpMethod.Post, version is null ? "/query" : $"/query?api-version={version}", """{"query":"SELECT * FROM DIGITALTWINS"}""", version: null)).Error(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task The_twin_api_answers_missing_keys_and_roles_in_its_own_error_shape()
    {
        using var anonymous = fixture.Anonymous();
        using var admin = fixture.Admin();
        var monitor = await Access.ApiKeys.IssueAsync(admin, "monitor");
        using var monitorClient = fixture.WithKey(monitor.Key);

        (await anonymous.AdtGetAsync("/digitaltwins/anything")).Error(HttpStatusCode.Unauthorized, "Unauthorized");
        (await anonymous.AdtGetAsync("/models")).Error(HttpStatusCode.Unauthorized, "Unauthorized");
        (await monitorClient.AdtGetAsync("/digitaltwins/anything")).Error(HttpStatusCode.Forbidden, "Forbidden");
        (await monitorClient.AdtGetAsync("/models")).Error(HttpStatusCode.Forbidden, "Forbidden");
    }
}
