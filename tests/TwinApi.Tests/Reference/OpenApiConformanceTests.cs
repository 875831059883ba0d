using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.Reference;

/// <summary>
/// Calls every operation of the served OpenAPI document on a real host, for its success and its
/// main errors, and checks each real answer against the document (<see cref="OpenApiContract"/>):
/// a client generated from the document reads every answer the API gives.
/// </summary>
public sealed class OpenApiConformanceTests : IAsyncLifetime
{
    private const string AdminKey = "conformance-admin-key-6c1d9e4f2a7b8c3d";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private TwinHost _host = null!;
    private OpenApiContract _contract = null!;
    private HttpClient _admin = null!;
    private HttpClient _anonymous = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await TwinHost.StartAsync(new Dictionary<string, string> { ["Auth:AdminKey"] = AdminKey });
        _admin = _host.CreateClient(AdminKey);
        _anonymous = _host.CreateClient();
        _contract = new OpenApiContract((JsonObject)JsonNode.Parse(await _anonymous.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), Token))!);
    }

    public async ValueTask DisposeAsync()
    {
        _admin?.Dispose();
        _anonymous?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_operation_answers_as_the_document_says_for_its_success_and_its_errors()
    {
        var operatorKey = await KeysAsync();
        using var operatorClient = _host.CreateClient(operatorKey.Operator);
        using var monitorClient = _host.CreateClient(operatorKey.Monitor);

        var assets = await FleetAsync(operatorClient, monitorClient);
        await ReadingsAsync(assets);
        await TwinsAsync(assets);
        await MapAsync(assets);
        await AreasAsync(operatorClient);
        await HistoryAsync(assets);
        await AlertsAndLiveAsync();
        await AuditAsync();
        await SessionsAsync(operatorKey.Operator, operatorKey.Monitor);
        await OpenDataAsync();
        await HealthAsync();
        await DigitalTwinsAsync(assets);

        // Every operation was answered with success, and every one that names problems of its
        // own was answered with at least one of them.
        var missing = new List<string>();
        foreach (var (id, method, path) in _contract.Operations)
        {
            var statuses = _contract.Statuses(id).ToList();
            if (!statuses.Any(s => s < 400 && _contract.Seen.ContainsKey((id, s))))
            {
                missing.Add($"{id} ({method} {path}): no success");
            }

            if (statuses.Any(s => s is >= 400 and < 500 and not 401 and not 403 and not 413 and not 415 and not 429)
                && !statuses.Any(s => s is >= 400 and < 500 && _contract.Seen.ContainsKey((id, s))))
            {
                missing.Add($"{id} ({method} {path}): no error");
            }
        }

        Assert.True(missing.Count == 0, "operations the test did not exercise:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task The_check_refuses_an_answer_the_document_does_not_describe()
    {
        var document = (JsonObject)JsonNode.Parse(await _anonymous.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), Token))!;
        document["components"]!["schemas"]!["AreaSummary"]!["properties"]!.AsObject().Remove("name");
        document["paths"]!["/api/areas/{areaId}"]!["get"]!["responses"]!.AsObject().Remove("404");
        var strict = new OpenApiContract(document);

        var unnamed = await Assert.ThrowsAnyAsync<Exception>(() => strict.CallAsync(_admin, "listAreas", Requests.Get("/api/areas")));
        var undeclared = await Assert.ThrowsAnyAsync<Exception>(() => strict.CallAsync(_admin, "getArea", Requests.Get("/api/areas/E99999999")));

        Assert.Contains("does not match the document", unnamed.Message, StringComparison.Ordinal);
        Assert.Contains("name", unnamed.Message, StringComparison.Ordinal);
        Assert.Contains("which the document does not declare", undeclared.Message, StringComparison.Ordinal);
    }

    private async Task<(string Operator, string Monitor)> KeysAsync()
    {
        var (status, body) = await _contract.CallAsync(_admin, "createKey", Requests.Send(HttpMethod.Post, "/api/keys", """{"name":"Camden day shift","role":"operator"}"""));
        Assert.Equal(201, status);
        var created = JsonNode.Parse(body)!;
        var operatorKey = (string)created["key"]!;
        var operatorId = (string)created["id"]!;
        var monitor = JsonNode.Parse((await _contract.CallAsync(_admin, "createKey", Requests.Send(HttpMethod.Post, "/api/keys", """{"name":"Prometheus","role":"monitor"}"""))).Body)!;
        var revoked = JsonNode.Parse((await _contract.CallAsync(_admin, "createKey", Requests.Send(HttpMethod.Post, "/api/keys", """{"name":"Leaver","role":"operator","areas":["E09000007"]}"""))).Body)!;

        await Expect(400, _admin, "createKey", Requests.Send(HttpMethod.Post, "/api/keys", """{"name":"","role":"operator"}"""));
        await Expect(400, _admin, "createKey", Requests.Send(HttpMethod.Post, "/api/keys", """{"name":"x",""", "application/json"));
        await Expect(415, _admin, "createKey", Requests.Send(HttpMethod.Post, "/api/keys", "name=x", "text/plain"));
        await Expect(401, _anonymous, "createKey", Requests.Send(HttpMethod.Post, "/api/keys", """{"name":"x","role":"admin"}"""));
        await Expect(200, _admin, "listKeys", Requests.Get("/api/keys"));
        await Expect(200, _admin, "getKey", Requests.Get($"/api/keys/{operatorId}"));
        await Expect(404, _admin, "getKey", Requests.Get("/api/keys/0000000000000000"));
        using (var operatorClient = _host.CreateClient(operatorKey))
        {
            await Expect(403, operatorClient, "listKeys", Requests.Get("/api/keys"));
        }

        await Expect(200, _admin, "revokeKey", Requests.Send(HttpMethod.Delete, $"/api/keys/{(string)revoked["id"]!}"));
        await Expect(200, _admin, "revokeKey", Requests.Send(HttpMethod.Delete, $"/api/keys/{(string)revoked["id"]!}"));
        await Expect(404, _admin, "revokeKey", Requests.Send(HttpMethod.Delete, "/api/keys/0000000000000000"));
        return (operatorKey, (string)monitor["key"]!);
    }

    private async Task<Fleet> FleetAsync(HttpClient operatorClient, HttpClient monitorClient)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var fleet = new Fleet($"aq-conf-{suffix}", $"ff-conf-{suffix}", $"bp-conf-{suffix}");
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, kind, lon, lat, name) in fleet.Assets)
        {
            var body = JsonSerializer.Serialize(new { id, kind, name, location = new { lon, lat }, metadata = new Dictionary<string, string> { ["mount"] = "lamp post 17" } });
            var (status, answer) = await _contract.CallAsync(operatorClient, "registerAsset", Requests.Send(HttpMethod.Post, "/api/assets", body));
            Assert.Equal(201, status);
            secrets[id] = (string)JsonNode.Parse(answer)!["device"]!["secret"]!;
        }

        fleet.Secrets = secrets;
        await Expect(400, _admin, "registerAsset", Requests.Send(HttpMethod.Post, "/api/assets", """{"id":"Not An Id","kind":"air-quality","name":"x","location":{"lon":-0.12,"lat":51.5}}"""));
        await Expect(409, _admin, "registerAsset", Requests.Send(HttpMethod.Post, "/api/assets", $$$"""{"id":"{{{fleet.AirQuality}}}","kind":"air-quality","name":"again","location":{"lon":-0.12,"lat":51.5}}"""));
        await Expect(403, monitorClient, "registerAsset", Requests.Send(HttpMethod.Post, "/api/assets", """{"id":"aq-monitor-try","kind":"air-quality","name":"x","location":{"lon":-0.12,"lat":51.5}}"""));
        await Expect(400, _admin, "registerAsset", Requests.Send(HttpMethod.Post, "/api/assets", "{\"id\":"));

        await Expect(200, _admin, "getAsset", Requests.Get($"/api/assets/{fleet.AirQuality}"));
        await Expect(404, _admin, "getAsset", Requests.Get("/api/assets/aq-nowhere-000"));
        await Expect(400, _admin, "getAsset", Requests.Get("/api/assets/Bad%20Id"));
        await Expect(200, _admin, "updateAsset", Requests.Send(HttpMethod.Put, $"/api/assets/{fleet.Footfall}", """{"name":"Oxford Street east","location":{"lon":-0.1419,"lat":51.5152}}"""));
        await Expect(400, _admin, "updateAsset", Requests.Send(HttpMethod.Put, $"/api/assets/{fleet.Footfall}", """{"name":"","location":{"lon":-0.1419,"lat":51.5152}}"""));
        await Expect(404, _admin, "updateAsset", Requests.Send(HttpMethod.Put, "/api/assets/ff-nowhere-000", """{"name":"x","location":{"lon":-0.1419,"lat":51.5152}}"""));

        var import = $"id,kind,name,lon,lat,meta.mount\r\nff-imp-{suffix},footfall,\"Regent Street, west side\",-0.1398,51.5117,bracket\r\n";
        await Expect(200, _admin, "importAssets", Requests.Send(HttpMethod.Post, "/api/assets/import", import, "text/csv"));
        await Expect(400, _admin, "importAssets", Requests.Send(HttpMethod.Post, "/api/assets/import", "id,kind,name,lon,lat\r\nbad id,footfall,x,1,1\r\n", "text/csv"));
        await Expect(415, _admin, "importAssets", Requests.Send(HttpMethod.Post, "/api/assets/import", "x", "text/plain"));

        var (rotated, secret) = await _contract.CallAsync(_admin, "rotateDeviceSecret", Requests.Send(HttpMethod.Post, $"/api/assets/{fleet.AirQuality}/secret"));
        Assert.Equal(200, rotated);
        fleet.Secrets[fleet.AirQuality] = (string)JsonNode.Parse(secret)!["secret"]!;
        await Expect(404, _admin, "rotateDeviceSecret", Requests.Send(HttpMethod.Post, "/api/assets/aq-nowhere-000/secret"));

        var gone = $"ff-gone-{suffix}";
        await Expect(201, _admin, "registerAsset", Requests.Send(HttpMethod.Post, "/api/assets", $$$"""{"id":"{{{gone}}}","kind":"footfall","name":"Temporary counter","location":{"lon":-0.1339,"lat":51.5145}}"""));
        await Expect(204, _admin, "decommissionAsset", Requests.Send(HttpMethod.Delete, $"/api/assets/{gone}"));
        await Expect(404, _admin, "decommissionAsset", Requests.Send(HttpMethod.Delete, "/api/assets/ff-nowhere-000"));
        await Expect(409, _admin, "rotateDeviceSecret", Requests.Send(HttpMethod.Post, $"/api/assets/{gone}/secret"));
        await Expect(200, _admin, "getAsset", Requests.Get($"/api/assets/{gone}"));
        return fleet;
    }

    /// <summary>Real readings of every kind, so the twins hold every part of their status.</summary>
    private async Task ReadingsAsync(Fleet fleet)
    {
        var now = DateTimeOffset.UtcNow;
        var ts = now.AddMinutes(-1).ToUnixTimeMilliseconds();
        await using (var station = await DeviceClient.ConnectAsync(_host.MqttPort, fleet.AirQuality, fleet.Secrets[fleet.AirQuality]))
        {
            await station.PublishAsync(DeviceTopic.Status(DeviceKind.AirQuality, fleet.AirQuality), """{"state":"online","firmware":"2.1.0"}""");
            Accepted(await station.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, fleet.AirQuality), $$"""{"seq":1,"ts":{{ts}},"no2":41.5,"pm2_5":9.8,"pm10":17,"o3":52,"battery":3.7}"""));
        }

        await using (var counter = await DeviceClient.ConnectAsync(_host.MqttPort, fleet.Footfall, fleet.Secrets[fleet.Footfall]))
        {
            Accepted(await counter.PublishAsync(DeviceTopic.Telemetry(DeviceKind.Footfall, fleet.Footfall), $$"""{"seq":1,"ts":{{ts}},"interval":60,"countIn":12,"countOut":9}"""));
        }

        await using var junction = await DeviceClient.ConnectAsync(_host.MqttPort, fleet.BusPriority, fleet.Secrets[fleet.BusPriority]);
        Accepted(await junction.PublishAsync(DeviceTopic.Telemetry(DeviceKind.BusPriority, fleet.BusPriority), $$"""{"seq":1,"ts":{{ts}},"occupancy":37.5,"queue":6}"""));
        Accepted(await junction.PublishAsync(DeviceTopic.Request(fleet.BusPriority), $$"""{"seq":2,"ts":{{ts}},"vehicle":"LTZ1234","route":"N29","approach":"west","etaSeconds":40,"lateSeconds":180}"""));
    }

    private static void Accepted(MQTTnet.MqttClientPublishResult result) =>
        Assert.True(result.IsSuccess, $"the hub answered {result.ReasonCode}: {result.ReasonString}");

    private async Task TwinsAsync(Fleet fleet)
    {
        foreach (var (id, _, _, _, _) in fleet.Assets)
        {
            await Expect(200, _admin, "getTwin", Requests.Get($"/api/assets/{id}/twin"));
        }

        await Expect(404, _admin, "getTwin", Requests.Get("/api/assets/aq-nowhere-000/twin"));
    }

    private async Task MapAsync(Fleet fleet)
    {
        const string Bbox = "bbox=-0.20,51.45,-0.05,51.56";
        await Expect(200, _admin, "findAssets", Requests.Get($"/api/assets?{Bbox}&limit=1"));
        await Expect(200, _admin, "findAssets", Requests.Get($"/api/assets?{Bbox}", "application/geo+json"));
        await Expect(200, _admin, "findAssets", Requests.Get("/api/assets?near=-0.1270,51.5194&radius=5000&kind=air-quality"));
        await Expect(200, _admin, "findAssets", Requests.Get("/api/assets?near=-0.1270,51.5194&k=3", "application/geo+json"));
        await Expect(400, _admin, "findAssets", Requests.Get("/api/assets?bbox=1,2,3"));
        await Expect(400, _admin, "findAssets", Requests.Get("/api/assets?near=-0.12,51.5&radius=99999999"));
        await Expect(400, _admin, "findAssets", Requests.Get("/api/assets?near=500,51.5&k=3"));
        await Expect(400, _admin, "findAssets", Requests.Get($"/api/assets?{Bbox}&cursor=not-a-cursor"));
        await Expect(400, _admin, "findAssets", Requests.Get("/api/assets"));

        const string Camden = """{"type":"Polygon","coordinates":[[[-0.2,51.5],[-0.05,51.5],[-0.05,51.56],[-0.2,51.56],[-0.2,51.5]]]}""";
        await Expect(200, _admin, "searchAssets", Requests.Send(HttpMethod.Post, "/api/assets/search?kind=footfall", Camden));
        await Expect(200, _admin, "searchAssets", Requests.Send(HttpMethod.Post, "/api/assets/search", $$"""{"type":"Feature","properties":null,"geometry":{{Camden}}}""", "application/geo+json"));
        await Expect(400, _admin, "searchAssets", Requests.Send(HttpMethod.Post, "/api/assets/search", """{"type":"Polygon","coordinates":[[[0,0],[1,1]]]}"""));
        await Expect(400, _admin, "searchAssets", Requests.Send(HttpMethod.Post, "/api/assets/search", "{\"type\":"));
        await Expect(415, _admin, "searchAssets", Requests.Send(HttpMethod.Post, "/api/assets/search", Camden, "text/plain"));

        await Expect(200, _admin, "listAreaAssets", Requests.Get($"/api/areas/{Places.Camden}/assets?limit=2"));
        await Expect(404, _admin, "listAreaAssets", Requests.Get("/api/areas/E99999999/assets"));
        _ = fleet;
    }

    private async Task AreasAsync(HttpClient operatorClient)
    {
        await Expect(200, _admin, "listAreas", Requests.Get("/api/areas"));
        await Expect(200, _admin, "getArea", Requests.Get($"/api/areas/{Places.Camden}"));
        await Expect(404, _admin, "getArea", Requests.Get("/api/areas/E99999999"));
        foreach (var kind in new[] { "air-quality", "footfall", "bus-priority" })
        {
            await Expect(200, _admin, "getAreaSummary", Requests.Get($"/api/areas/{Places.Camden}/summary?kind={kind}"));
        }

        await Expect(400, _admin, "getAreaSummary", Requests.Get($"/api/areas/{Places.Camden}/summary"));
        await Expect(404, _admin, "getAreaSummary", Requests.Get("/api/areas/E99999999/summary?kind=footfall"));

        var id = "conf-" + Guid.NewGuid().ToString("N")[..8];
        var square = $$$"""{"id":"{{{id}}}","name":"Bloomsbury square","geometry":{"type":"Polygon","coordinates":[[[-0.130,51.518],[-0.125,51.518],[-0.125,51.521],[-0.130,51.521],[-0.130,51.518]]]}}""";
        await Expect(201, _admin, "addArea", Requests.Send(HttpMethod.Post, "/api/areas", square));
        await Expect(409, _admin, "addArea", Requests.Send(HttpMethod.Post, "/api/areas", square));
        await Expect(400, _admin, "addArea", Requests.Send(HttpMethod.Post, "/api/areas", """{"id":"bad id!","name":"x","geometry":{"type":"Polygon","coordinates":[]}}"""));
        await Expect(400, _admin, "addArea", Requests.Send(HttpMethod.Post, "/api/areas", """{"id":"conf-bow","name":"Bow tie","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}"""));
        await Expect(403, operatorClient, "addArea", Requests.Send(HttpMethod.Post, "/api/areas", square));
    }

    private async Task HistoryAsync(Fleet fleet)
    {
        var from = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        await Eventually.WaitAsync(
            async () => JsonNode.Parse(await _admin.GetStringAsync(new Uri($"api/assets/{fleet.AirQuality}/history?from={from}", UriKind.Relative), Token))!["series"]!["no2"]!.AsArray().Count,
            points => points > 0,
            Patience);
        await Expect(200, _admin, "getAssetHistory", Requests.Get($"/api/assets/{fleet.AirQuality}/history?from={from}"));
        await Expect(200, _admin, "getAssetHistory", Requests.Get($"/api/assets/{fleet.Footfall}/history?from={from}&every=15m&agg=sum&fields=countIn"));
        await Expect(400, _admin, "getAssetHistory", Requests.Get($"/api/assets/{fleet.AirQuality}/history?from=yesterday"));
        await Expect(400, _admin, "getAssetHistory", Requests.Get($"/api/assets/{fleet.AirQuality}/history?fields=vehicle"));
        await Expect(404, _admin, "getAssetHistory", Requests.Get("/api/assets/aq-nowhere-000/history"));
        await Expect(200, _admin, "getAreaHistory", Requests.Get($"/api/areas/{Places.Camden}/history?kind=air-quality&field=no2&from={from}"));
        await Expect(400, _admin, "getAreaHistory", Requests.Get($"/api/areas/{Places.Camden}/history?kind=air-quality"));
        await Expect(404, _admin, "getAreaHistory", Requests.Get("/api/areas/E99999999/history?kind=air-quality&field=no2"));
    }

    private async Task AlertsAndLiveAsync()
    {
        await Expect(200, _admin, "listAlerts", Requests.Get("/api/alerts"));
        await Expect(200, _admin, "listAlerts", Requests.Get("/api/alerts?active=false&kind=air-quality&limit=5"));
        await Expect(400, _admin, "listAlerts", Requests.Get("/api/alerts?limit=0"));
        await Expect(404, _admin, "listAlerts", Requests.Get("/api/alerts?area=E99999999"));

        // The stream's head only: the answer's status and media type are what the document holds.
        using (var request = Requests.Get($"/api/live?kind=footfall&area={Places.Camden}"))
        using (var response = await _admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token))
        {
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            _contract.Seen.TryAdd(("streamLive", 200), 1);
        }

        await Expect(404, _admin, "streamLive", Requests.Get("/api/live?area=E99999999"));
        await Expect(400, _admin, "streamLive", Requests.Get("/api/live?bbox=1,2"));
    }

    private async Task AuditAsync()
    {
        await Expect(200, _admin, "readAuditLog", Requests.Get("/api/audit?limit=50"));
        await Expect(400, _admin, "readAuditLog", Requests.Get("/api/audit?from=2020-01-01T00:00:00Z&to=2020-06-01T00:00:00Z"));
    }

    /// <summary>A browser's sign-in: the key for a cookie, the cookie's session read, then ended (with its CSRF token).</summary>
    private async Task SessionsAsync(string operatorKey, string monitorKey)
    {
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = _host.BaseUri };
        using (var signIn = Requests.Send(HttpMethod.Post, "/api/session"))
        {
            signIn.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", operatorKey);
            var (status, body) = await _contract.CallAsync(browser, "openSession", signIn);
            Assert.Equal(200, status);
            var csrf = (string)JsonNode.Parse(body)!["csrfToken"]!;
            await Expect(200, browser, "getSession", Requests.Get("/api/session"));
            await Expect(403, browser, "endSession", Requests.Send(HttpMethod.Delete, "/api/session"));
            var signOut = Requests.Send(HttpMethod.Delete, "/api/session");
            signOut.Headers.Add("X-CSRF-Token", csrf);
            await Expect(204, browser, "endSession", signOut);
        }

        await Expect(401, browser, "getSession", Requests.Get("/api/session"));
        await Expect(401, _anonymous, "openSession", Requests.Send(HttpMethod.Post, "/api/session"));
        using var monitor = _host.CreateClient(monitorKey);
        await Expect(403, monitor, "openSession", Requests.Send(HttpMethod.Post, "/api/session"));
    }

    private async Task OpenDataAsync()
    {
        using var catalogue = Requests.Get("/opendata/v1");
        using var first = await _anonymous.SendAsync(catalogue, Token);
        await _contract.CheckAsync("getOpenDataCatalogue", first);
        var again = Requests.Get("/opendata/v1");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        await Expect(304, _anonymous, "getOpenDataCatalogue", again);

        await Expect(200, _anonymous, "getOpenReadings", Requests.Get("/opendata/v1/footfall.geojson"));
        await Expect(200, _anonymous, "getOpenReadings", Requests.Get($"/opendata/v1/air-quality.geojson?area={Places.Camden}"));
        await Expect(404, _anonymous, "getOpenReadings", Requests.Get("/opendata/v1/people.geojson"));
        await Expect(400, _anonymous, "getOpenReadings", Requests.Get("/opendata/v1/footfall.geojson?bbox=1,2,3,4&area=E09000007"));
        await Expect(200, _anonymous, "getOpenHistory", Requests.Get("/opendata/v1/footfall.csv?every=15m"));
        await Expect(400, _anonymous, "getOpenHistory", Requests.Get("/opendata/v1/footfall.csv?from=2026-13-01T00:00:00Z"));
    }

    private async Task HealthAsync()
    {
        await Expect(200, _anonymous, "getReadiness", Requests.Get("/health"));
        await Expect(200, _anonymous, "getLiveness", Requests.Get("/health/live"));
    }

    /// <summary>The twin API: each operation's success, and an error of each (a missing api-version at least).</summary>
    private async Task DigitalTwinsAsync(Fleet assets)
    {
        const string V = "api-version=2022-05-31";
        const string Model = "dtmi:conformance:Kiosk;1";
        var model = Uri.EscapeDataString(Model);
        await Expect(200, _anonymous, "listModels", Requests.Get("/models"));
        await Expect(200, _admin, "listModels", Requests.Get($"/models?{V}"));
        await Expect(401, _anonymous, "listModels", Requests.Get($"/models?{V}"));
        await Expect(201, _admin, "createModels", Requests.Send(HttpMethod.Post, $"/models?{V}", $$"""[{"@context":"dtmi:dtdl:context;3","@id":"{{Model}}","@type":"Interface","extends":"dtmi:urbantwin:place:Site;1","contents":[{"@type":"Property","name":"open","schema":"boolean"},{"@type":"Component","name":"display","schema":"dtmi:urbantwin:asset:JunctionReadings;1"}]}]"""));
        await Expect(409, _admin, "createModels", Requests.Send(HttpMethod.Post, $"/models?{V}", $$"""[{"@context":"dtmi:dtdl:context;3","@id":"{{Model}}","@type":"Interface"}]"""));
        await Expect(200, _admin, "getModel", Requests.Get($"/models/{model}?{V}&includeModelDefinition=true"));
        await Expect(404, _admin, "getModel", Requests.Get($"/models/dtmi%3Anone%3AX%3B1?{V}"));

        await Expect(200, _admin, "upsertDigitalTwin", Requests.Send(HttpMethod.Put, $"/digitaltwins/kiosk-1?{V}", $$$$"""{"$metadata":{"$model":"{{{{Model}}}}"},"name":"Kiosk","areaCode":"E09000007","open":true,"display":{"$metadata":{}}}"""));
        await Expect(200, _admin, "upsertDigitalTwin", Requests.Send(HttpMethod.Put, $"/digitaltwins/site-1?{V}", """{"$metadata":{"$model":"dtmi:urbantwin:place:Site;1"},"name":"Market","areaCode":"E09000007"}"""));
        await Expect(400, _admin, "upsertDigitalTwin", Requests.Send(HttpMethod.Put, $"/digitaltwins/kiosk-2?{V}", """{"$metadata":{"$model":"dtmi:urbantwin:place:Site;1"},"open":1}"""));
        await Expect(200, _admin, "getDigitalTwin", Requests.Get($"/digitaltwins/kiosk-1?{V}"));
        await Expect(200, _admin, "getDigitalTwin", Requests.Get($"/digitaltwins/{assets.AirQuality}?{V}"));
        await Expect(404, _admin, "getDigitalTwin", Requests.Get($"/digitaltwins/none?{V}"));
        await Expect(204, _admin, "updateDigitalTwin", Requests.Send(HttpMethod.Patch, $"/digitaltwins/kiosk-1?{V}", """[{"op":"replace","path":"/open","value":false}]""", "application/json-patch+json"));
        await Expect(400, _admin, "updateDigitalTwin", Requests.Send(HttpMethod.Patch, $"/digitaltwins/kiosk-1?{V}", """[{"op":"move","path":"/open"}]""", "application/json-patch+json"));
        await Expect(200, _admin, "getComponent", Requests.Get($"/digitaltwins/kiosk-1/components/display?{V}"));
        await Expect(404, _admin, "getComponent", Requests.Get($"/digitaltwins/kiosk-1/components/none?{V}"));
        await Expect(204, _admin, "updateComponent", Requests.Send(HttpMethod.Patch, $"/digitaltwins/kiosk-1/components/display?{V}", """[{"op":"add","path":"/queue","value":3}]""", "application/json-patch+json"));
        await Expect(204, _admin, "updateComponent", Requests.Send(HttpMethod.Patch, $"/digitaltwins/{assets.BusPriority}/components/priorityPolicy?{V}", """[{"op":"replace","path":"/lateThreshold","value":45}]""", "application/json-patch+json"));
        await Expect(404, _admin, "updateComponent", Requests.Send(HttpMethod.Patch, $"/digitaltwins/none/components/display?{V}", """[{"op":"add","path":"/queue","value":3}]""", "application/json-patch+json"));
        await Expect(204, _admin, "publishTelemetry", Requests.Send(HttpMethod.Post, $"/digitaltwins/kiosk-1/telemetry?{V}", """{"visitors":3}"""));
        await Expect(404, _admin, "publishTelemetry", Requests.Send(HttpMethod.Post, $"/digitaltwins/none/telemetry?{V}", """{"visitors":3}"""));
        await Expect(204, _admin, "publishComponentTelemetry", Requests.Send(HttpMethod.Post, $"/digitaltwins/kiosk-1/components/display/telemetry?{V}", "\"m1\""));
        await Expect(404, _admin, "publishComponentTelemetry", Requests.Send(HttpMethod.Post, $"/digitaltwins/none/components/display/telemetry?{V}", "{}"));

        await Expect(200, _admin, "upsertRelationship", Requests.Send(HttpMethod.Put, $"/digitaltwins/kiosk-1/relationships/in?{V}", """{"$targetId":"site-1","$relationshipName":"partOf"}"""));
        await Expect(404, _admin, "upsertRelationship", Requests.Send(HttpMethod.Put, $"/digitaltwins/kiosk-1/relationships/in2?{V}", """{"$targetId":"none","$relationshipName":"partOf"}"""));
        await Expect(200, _admin, "getRelationship", Requests.Get($"/digitaltwins/kiosk-1/relationships/in?{V}"));
        await Expect(404, _admin, "getRelationship", Requests.Get($"/digitaltwins/kiosk-1/relationships/none?{V}"));
        await Expect(204, _admin, "updateRelationship", Requests.Send(HttpMethod.Patch, $"/digitaltwins/kiosk-1/relationships/in?{V}", """[{"op":"add","path":"/note","value":"kiosk"}]""", "application/json-patch+json"));
        await Expect(404, _admin, "updateRelationship", Requests.Send(HttpMethod.Patch, $"/digitaltwins/kiosk-1/relationships/none?{V}", """[{"op":"add","path":"/since","value":2020}]""", "application/json-patch+json"));
        await Expect(200, _admin, "listRelationships", Requests.Get($"/digitaltwins/kiosk-1/relationships?{V}"));
        await Expect(404, _admin, "listRelationships", Requests.Get($"/digitaltwins/none/relationships?{V}"));
        await Expect(200, _admin, "listIncomingRelationships", Requests.Get($"/digitaltwins/site-1/incomingrelationships?{V}"));
        await Expect(404, _admin, "listIncomingRelationships", Requests.Get($"/digitaltwins/none/incomingrelationships?{V}"));
        await Expect(200, _admin, "queryTwins", Requests.Send(HttpMethod.Post, $"/query?{V}", """{"query":"SELECT K, S FROM DIGITALTWINS K JOIN S RELATED K.partOf WHERE K.$dtId = 'kiosk-1'"}"""));
        await Expect(400, _admin, "queryTwins", Requests.Send(HttpMethod.Post, $"/query?{V}", """{"query":"SELECT"}"""));

        await Expect(400, _admin, "deleteDigitalTwin", Requests.Send(HttpMethod.Delete, $"/digitaltwins/site-1?{V}"));
        await Expect(204, _admin, "deleteRelationship", Requests.Send(HttpMethod.Delete, $"/digitaltwins/kiosk-1/relationships/in?{V}"));
        await Expect(404, _admin, "deleteRelationship", Requests.Send(HttpMethod.Delete, $"/digitaltwins/kiosk-1/relationships/in?{V}"));
        await Expect(204, _admin, "deleteDigitalTwin", Requests.Send(HttpMethod.Delete, $"/digitaltwins/kiosk-1?{V}"));
        await Expect(204, _admin, "decommissionModel", Requests.Send(HttpMethod.Patch, $"/models/{model}?{V}", """[{"op":"replace","path":"/decommissioned","value":true}]""", "application/json-patch+json"));
        await Expect(404, _admin, "decommissionModel", Requests.Send(HttpMethod.Patch, $"/models/dtmi%3Anone%3AX%3B1?{V}", """[{"op":"replace","path":"/decommissioned","value":true}]""", "application/json-patch+json"));
        await Expect(204, _admin, "deleteModel", Requests.Send(HttpMethod.Delete, $"/models/{model}?{V}"));
        await Expect(404, _admin, "deleteModel", Requests.Send(HttpMethod.Delete, $"/models/{model}?{V}"));
        await Expect(400, _admin, "getDigitalTwin", Requests.Get("/digitaltwins/site-1"));
        await Expect(400, _admin, "getDigitalTwin", Requests.Get("/digitaltwins/site-1?api-version=2021-06-30-preview"));
    }

    private async Task Expect(int status, HttpClient client, string operationId, HttpRequestMessage request)
    {
        var (answered, body) = await _contract.CallAsync(client, operationId, request);
        Assert.True(answered == status, $"{operationId} {request.RequestUri}: expected {status}, got {answered}: {body}");
    }

    /// <summary>One asset of each kind, at real places in Camden.</summary>
    private sealed class Fleet(string airQuality, string footfall, string busPriority)
    {
        public string AirQuality { get; } = airQuality;

        public string Footfall { get; } = footfall;

        public string BusPriority { get; } = busPriority;

        public Dictionary<string, string> Secrets { get; set; } = [];

        public IEnumerable<(string Id, string Kind, double Lon, double Lat, string Name)> Assets =>
        [
            (AirQuality, "air-quality", -0.1270, 51.5194, "Great Russell Street"),
            (Footfall, "footfall", -0.1426, 51.5390, "Camden High Street"),
            (BusPriority, "bus-priority", -0.1300, 51.5300, "Euston Road / Judd Street"),
        ];
    }
}
