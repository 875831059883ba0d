using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.TestSupport.Contract;

namespace UrbanTwin.Gateway.Tests;

/// <summary>
/// Every contract vector, published over real MQTT into the embedded broker: rejected content is
/// answered with exactly the expected errors on the device's errors topic, accepted readings reach
/// the device's twin with exactly the decoded values.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class VectorsOverMqttTests(GatewayHostFixture fixture)
{
    public static TheoryData<string> Vectors => new(ContractVector.AllRelativePaths());

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task Vector_over_mqtt_gives_its_errors_on_the_wire_and_its_readings_to_the_twin(string vectorPath)
    {
        var vector = ContractVector.Load(vectorPath);
        if (!fixture.Devices.TryGetValue(vector.Publisher, out var device) || !device.Active)
        {
            // The embedded broker authenticates at CONNECT: an unknown, decommissioned or malformed
            // id never gets to publish, whatever it would have sent.
            var refused = await Assert.ThrowsAsync<ConnectionRefusedException>(() => DeviceClient.ConnectAsync(fixture.MqttPort, vector.Publisher, "not-its-secret"));
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.Code);
            return;
        }

        var assetId = await fixture.ProvisionFreshTwinAsync(vector.Publisher, device.Kind);
        fixture.Host.Services.GetRequiredService<DuplicateFilter>().Forget(vector.Publisher);
        fixture.Clock.Now = vector.ReceivedAt;
        await using var client = await DeviceClient.ConnectAsync(fixture.MqttPort, vector.Publisher, fixture.SecretOf(vector.Publisher));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await client.SubscribeErrorsAsync(device.Kind));

        var published = await client.PublishAsync(vector.Topic, vector.Payload);
        var twin = await fixture.TwinAsync(assetId);
        var errors = await client.ErrorsUntilSentinelAsync(device.Kind, TimeSpan.FromSeconds(20));

        Assert.True(published.IsSuccess, $"{vectorPath}: PUBACK {published.ReasonCode}");
        var expectedErrors = Expected(vector, "errors").Select(e => Error(e.GetProperty("code").GetString(), e.GetProperty("path").GetString(), e.GetProperty("seq"))).ToList();
        var actualErrors = errors.Select(e => Error(e.GetProperty("code").GetString(), e.GetProperty("path").GetString(), e.GetProperty("seq"))).ToList();
        Assert.True(expectedErrors.SequenceEqual(actualErrors), $"{vectorPath}: {vector.Description}\nexpected errors:\n  {string.Join("\n  ", expectedErrors)}\nreceived on {DeviceTopic.Errors(device.Kind, vector.Publisher)}:\n  {string.Join("\n  ", actualErrors)}");
        Assert.Equal(expectedErrors.Count, twin.Rejected);

        var readings = Expected(vector, "readings").ToList();
        var unique = readings.Select(r => (r.GetProperty("seq").GetUInt32(), r.GetProperty("ts").GetInt64())).Distinct().Count();
        Assert.Equal(unique, twin.Accepted);
        var expectedLatest = LatestPerField(readings);
        var actualLatest = twin.Latest.ToDictionary(f => f.Field, f => (f.Value, f.TimestampMs));
        Assert.True(
            expectedLatest.Count == actualLatest.Count && expectedLatest.All(kv => actualLatest.TryGetValue(kv.Key, out var v) && v == kv.Value),
            $"{vectorPath}: twin latest values\nexpected: {Show(expectedLatest)}\nactual:   {Show(actualLatest)}");

        if (vector.Expected.TryGetProperty("status", out var status))
        {
            Assert.Equal(status.GetProperty("state").GetString() == "online", twin.Online);
            Assert.Equal(status.TryGetProperty("firmware", out var firmware) ? firmware.GetString() : null, twin.Firmware);
        }
    }

    private static IEnumerable<JsonElement> Expected(ContractVector vector, string name) =>
        vector.Expected.TryGetProperty(name, out var items) ? items.EnumerateArray() : [];

    private static string Error(string? code, string? path, JsonElement seq) =>
        $"{code} {path} seq={(seq.ValueKind == JsonValueKind.Null ? "null" : seq.GetUInt32().ToString(CultureInfo.InvariantCulture))}";

    /// <summary>What "latest" must be: per field, the value of the newest reading that has it (ties: the later one).</summary>
    private static Dictionary<string, (double Value, long TimestampMs)> LatestPerField(List<JsonElement> readings)
    {
        var latest = new Dictionary<string, (double, long)>(StringComparer.Ordinal);
        foreach (var reading in readings)
        {
            var ts = reading.GetProperty("ts").GetInt64();
            foreach (var property in reading.EnumerateObject().Where(p => p.Name is not ("seq" or "ts")))
            {
                if (!latest.TryGetValue(property.Name, out var current) || ts >= current.Item2)
                {
                    latest[property.Name] = (property.Value.GetDouble(), ts);
                }
            }
        }

        return latest;
    }

    private static string Show(Dictionary<string, (double Value, long TimestampMs)> values) =>
        string.Join(", ", values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value.Value.ToString("R", CultureInfo.InvariantCulture)}@{kv.Value.TimestampMs}"));
}
