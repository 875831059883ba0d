using System.Globalization;
using System.Text;
using System.Text.Json;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.TwinApi.Tests.OpenData;

/// <summary>
/// The open data's promise, checked as a property over the whole contract: devices of every kind
/// publish every field their contract has (telemetry with every internal field, a status with its
/// firmware, a bus priority request with its vehicle id), the assets carry a device id of their own
/// and operator metadata; then, in both formats of every kind, every field name is an open field
/// of the contract and no value of anything else appears anywhere in the body.
/// </summary>
[Collection(OpenDataCollection.Name)]
public sealed class OpenDataPrivacyTests(OpenDataFixture fixture)
{
    /// <summary>Every name a GeoJSON document may use besides the open fields' names.</summary>
    private static readonly HashSet<string> GeoJsonStructure =
    [
        "type", "kind", "licence", "name", "url", "attribution", "publisher", "features", "id", "geometry", "coordinates",
        "properties", "asset", "area", "areaName", "readings", "value", "unit", "time", "suppressed",
    ];

    [Fact]
    public async Task No_format_of_any_kind_carries_a_field_the_contract_does_not_open_nor_any_of_its_values()
    {
        using var admin = fixture.Admin();
        using var anonymous = fixture.Anonymous();
        var run = Guid.NewGuid().ToString("N")[..8];
        var hour = OpenDataRequests.HourStart(1);
        var takenAt = hour.AddMinutes(13);
        var hidden = new List<string>();
        var mine = new Dictionary<DeviceKind, string>();
        foreach (var kind in DeviceKinds.All)
        {
            var deviceId = $"unit-{run}-{(int)kind}";
            var asset = OpenDataRequests.Of(kind).At(Places.PalaceOfWestminster).With("deviceId", deviceId).With("metadata", new System.Text.Json.Nodes.JsonObject { ["note"] = $"cabinet key under stone {run}" });
            hidden.AddRange([deviceId, $"cabinet key under stone {run}"]);
            mine[kind] = asset.Id;
            var secret = await admin.RegisterAsync(asset);
            var (telemetry, closed) = EveryTelemetryField(kind, takenAt);
            hidden.AddRange(closed);
            var firmware = $"31.{4159 + (int)kind}.26535";
            hidden.Add(firmware);
            await using var device = await DeviceClient.ConnectAsync(fixture.Host.MqttPort, deviceId, secret);
            await device.PublishAsync(DeviceTopic.Status(kind, deviceId), $$"""{"state":"online","firmware":"{{firmware}}"}""");
            await device.PublishAsync(DeviceTopic.Telemetry(kind, deviceId), telemetry);
            if (kind == DeviceKind.BusPriority)
            {
                var vehicle = $"LX{run[..6]}".ToUpperInvariant();
                hidden.Add(vehicle);
                await device.PublishAsync(DeviceTopic.Request(deviceId), $$"""{"seq":2,"ts":"{{DateTimeOffset.UtcNow.AddSeconds(-1).Rfc3339()}}","vehicle":"{{vehicle}}","route":"24","approach":"north","etaSeconds":12,"lateSeconds":180}""");
                await admin.WaitForTwinAsync(asset.Id, twin => twin.TryGetProperty("busPriority", out var bus) && bus.GetProperty("requests").GetInt64() == 1);
            }

            await admin.WaitForTwinAsync(asset.Id, twin => twin.TryGetProperty("firmware", out _) && OpenFieldsOf(kind).All(f => twin.HasLatest(f, takenAt)));
        }

        foreach (var kind in DeviceKinds.All)
        {
            var open = OpenFieldsOf(kind);
            var geoJson = (await anonymous.GetOpenAsync($"/opendata/v1/{kind.ToSegment()}.geojson")).AssertOk();
            var csv = (await anonymous.GetOpenAsync($"/opendata/v1/{kind.ToSegment()}.csv?from={hour.Rfc3339()}&to={hour.AddHours(1).Rfc3339()}")).AssertOk();

            var features = geoJson.Json.GetProperty("features").EnumerateArray().ToList();
            Assert.All(features, f => Assert.Subset(open.ToHashSet(), ReadingNames(f).ToHashSet()));
            Assert.Subset(GeoJsonStructure.Union(open).ToHashSet(), PropertyNames(geoJson.Json));
            Assert.Equal(open, ReadingNames(features.Single(f => f.GetProperty("id").GetString() == mine[kind])));

            var columns = csv.Lines[0].Split(',');
            Assert.Equal(["time", "asset", "area"], columns[..3]);
            Assert.Equal(open, columns[3..].Where(c => c != "suppressed"));
            Assert.Single(csv.Lines, l => l.Contains(mine[kind], StringComparison.Ordinal));

            foreach (var text in hidden)
            {
                Assert.DoesNotContain(text, geoJson.Body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(text, csv.Body, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    private static List<string> ReadingNames(JsonElement feature) =>
        [.. feature.GetProperty("properties").GetProperty("readings").EnumerateObject().Select(r => r.Name)];

    private static List<string> OpenFieldsOf(DeviceKind kind) =>
        [.. ContractSchemas.For(kind, MessageType.Telemetry)!.Fields.Where(f => f.IsNumeric && f.Classification == FieldClassification.Open).Select(f => f.Name)];

    /// <summary>
    /// A reading with a value for every numeric field of the kind's telemetry, each within its
    /// range: open fields at a quarter of it (whole for integers), every other field at an odd
    /// value that cannot come out of the open ones, returned as text to look for.
    /// </summary>
    private static (string Payload, List<string> Closed) EveryTelemetryField(DeviceKind kind, DateTimeOffset takenAt)
    {
        var payload = new StringBuilder($$"""{"seq":1,"ts":"{{takenAt.Rfc3339()}}" """.TrimEnd());
        var closed = new List<string>();
        foreach (var field in ContractSchemas.For(kind, MessageType.Telemetry)!.Fields.Where(f => f.IsNumeric))
        {
            var middle = field.Min + ((field.Max - field.Min) / 2);
            var value = field.Classification == FieldClassification.Open
                ? Math.Round(field.Min + ((field.Max - field.Min) / 4))
                : field.Type == FieldType.Integer ? Math.Round(middle) + 7 : Math.Round(middle) + 0.0731 + (field.Slot * 0.0001);
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            payload.Append(CultureInfo.InvariantCulture, $",\"{field.Name}\":{text}");
            if (field.Classification != FieldClassification.Open)
            {
                closed.Add(text);
            }
        }

        return (payload.Append('}').ToString(), closed);
    }

    private static HashSet<string> PropertyNames(JsonElement element)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Collect(element, names);
        return names;

        static void Collect(JsonElement element, HashSet<string> names)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    names.Add(property.Name);
                    Collect(property.Value, names);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, names);
                }
            }
        }
    }
}
