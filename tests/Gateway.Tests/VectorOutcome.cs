using System.Globalization;
using System.Text.Json;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TestSupport.Contract;

namespace UrbanTwin.Gateway.Tests;

/// <summary>What a vector's expected outcome means on the wire and in the twin, checked exactly.</summary>
internal static class VectorOutcome
{
    /// <summary>The vector names a topic error, which a broker's ACL may decide before the hub sees the message.</summary>
    public static bool IsTopicError(ContractVector vector) =>
        vector.ExpectedErrorCodes.Any(c => c is "unauthorized-topic" or "wrong-kind" or "unknown-device");

    public static void AssertMatches(ContractVector vector, List<JsonElement> errors, TwinSnapshot twin, string errorsTopic)
    {
        var expectedErrors = Expected(vector, "errors").Select(e => Error(e.GetProperty("code").GetString(), e.GetProperty("path").GetString(), e.GetProperty("seq"))).ToList();
        var actualErrors = errors.Select(e => Error(e.GetProperty("code").GetString(), e.GetProperty("path").GetString(), e.GetProperty("seq"))).ToList();
        Assert.True(expectedErrors.SequenceEqual(actualErrors), $"{vector.RelativePath}: {vector.Description}\nexpected errors:\n  {string.Join("\n  ", expectedErrors)}\nreceived on {errorsTopic}:\n  {string.Join("\n  ", actualErrors)}");
        Assert.Equal(expectedErrors.Count, twin.Rejected);

        var readings = Expected(vector, "readings").ToList();
        var unique = readings.Select(r => (r.GetProperty("seq").GetUInt32(), r.GetProperty("ts").GetInt64())).Distinct().Count();
        Assert.Equal(unique, twin.Accepted);
        var expectedLatest = LatestPerField(readings);
        var actualLatest = twin.Latest.ToDictionary(f => f.Field, f => (f.Value, f.TimestampMs));
        Assert.True(
            expectedLatest.Count == actualLatest.Count && expectedLatest.All(kv => actualLatest.TryGetValue(kv.Key, out var v) && v == kv.Value),
            $"{vector.RelativePath}: twin latest values\nexpected: {Show(expectedLatest)}\nactual:   {Show(actualLatest)}");

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
