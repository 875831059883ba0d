using System.Globalization;
using System.Text.Json;
using UrbanTwin.Contracts.Decoding;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Fields;

namespace UrbanTwin.Contracts.Tests.Vectors;

/// <summary>
/// Renders a decode outcome, and a vector's expected outcome, as the same lines of text
/// (<c>reading seq=1 ts=… no2=48</c>, <c>error out-of-range $.pm10 seq=17</c>) so a mismatch reads
/// as a plain diff. Numbers are rendered round-trip, so equal text means bit-equal doubles.
/// </summary>
public static class OutcomeText
{
    public static string Actual(DecodeResult result, MessageSchema? schema)
    {
        var lines = new List<string>();
        foreach (var reading in result.Readings)
        {
            var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var field in schema!.Fields)
            {
                if (field.IsNumeric && reading.TryGet(field.Slot, out var v))
                {
                    values[field.Name] = Number(v);
                }
            }

            lines.Add(Reading(reading.Seq.ToString(CultureInfo.InvariantCulture), reading.TimestampMs.ToString(CultureInfo.InvariantCulture), values));
        }

        if (result.Request is { } r)
        {
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"request seq={r.Seq} ts={r.TimestampMs} vehicle={r.Vehicle} route={r.Route} approach={r.Approach.ToString().ToLowerInvariant()} etaSeconds={Number(r.EtaSeconds)} lateSeconds={Number(r.LateSeconds)}"));
        }

        if (result.Status is { } s)
        {
            lines.Add($"status state={s.State.ToString().ToLowerInvariant()} firmware={s.Firmware ?? "-"}");
        }

        foreach (var error in result.Errors)
        {
            lines.Add(Error(error.Code.ToWire(), error.Path, error.Seq?.ToString(CultureInfo.InvariantCulture)));
        }

        return string.Join('\n', lines);
    }

    public static string Expected(JsonElement expected)
    {
        var lines = new List<string>();
        if (expected.TryGetProperty("readings", out var readings))
        {
            foreach (var reading in readings.EnumerateArray())
            {
                var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var property in reading.EnumerateObject())
                {
                    if (property.Name is not ("seq" or "ts"))
                    {
                        values[property.Name] = Number(property.Value.GetDouble());
                    }
                }

                lines.Add(Reading(reading.GetProperty("seq").GetUInt32().ToString(CultureInfo.InvariantCulture), reading.GetProperty("ts").GetInt64().ToString(CultureInfo.InvariantCulture), values));
            }
        }

        if (expected.TryGetProperty("request", out var r))
        {
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"request seq={r.GetProperty("seq").GetUInt32()} ts={r.GetProperty("ts").GetInt64()} vehicle={r.GetProperty("vehicle").GetString()} route={r.GetProperty("route").GetString()} approach={r.GetProperty("approach").GetString()} etaSeconds={Number(r.GetProperty("etaSeconds").GetDouble())} lateSeconds={Number(r.GetProperty("lateSeconds").GetDouble())}"));
        }

        if (expected.TryGetProperty("status", out var s))
        {
            var firmware = s.TryGetProperty("firmware", out var f) ? f.GetString() : "-";
            lines.Add($"status state={s.GetProperty("state").GetString()} firmware={firmware}");
        }

        if (expected.TryGetProperty("errors", out var errors))
        {
            foreach (var error in errors.EnumerateArray())
            {
                var seq = error.GetProperty("seq");
                lines.Add(Error(
                    error.GetProperty("code").GetString()!,
                    error.GetProperty("path").GetString()!,
                    seq.ValueKind == JsonValueKind.Null ? null : seq.GetUInt32().ToString(CultureInfo.InvariantCulture)));
            }
        }

        return string.Join('\n', lines);
    }

    private static string Reading(string seq, string ts, SortedDictionary<string, string> values) =>
        $"reading seq={seq} ts={ts}" + string.Concat(values.Select(kv => $" {kv.Key}={kv.Value}"));

    private static string Error(string code, string path, string? seq) => $"error {code} {path} seq={seq ?? "null"}";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
