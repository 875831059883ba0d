using System.Globalization;
using System.Text.Json;

namespace UrbanTwin.TwinApi.Assets;

/// <summary>
/// Turns an import body into asset requests, one per row: CSV with a header row (<c>id, kind, name,
/// lon, lat</c>, optional <c>deviceId</c> and <c>meta.&lt;key&gt;</c> columns), or a GeoJSON
/// FeatureCollection of Point features whose properties carry <c>kind</c>, <c>name</c>,
/// <c>deviceId</c> and <c>metadata</c> (the id is the feature's <c>id</c> or <c>properties.id</c>).
/// Structural problems throw <see cref="FormatException"/>; field problems are left to validation.
/// </summary>
public static class AssetImportParser
{
    private static readonly string[] RequiredColumns = ["id", "kind", "name", "lon", "lat"];

    public static List<AssetRequest> ParseCsv(string text, int maxRows)
    {
        var records = CsvReader.Read(text);
        if (records.Count == 0)
        {
            throw new FormatException("the CSV is empty; the first line must be a header");
        }

        var header = records[0].Select(h => h.Trim()).ToList();
        if (header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new FormatException($"the header names the column '{repeated.Key}' more than once");
        }

        foreach (var required in RequiredColumns)
        {
            if (!header.Contains(required, StringComparer.Ordinal))
            {
                throw new FormatException($"the header has no '{required}' column (needs {string.Join(", ", RequiredColumns)}; optional deviceId and meta.<key>)");
            }
        }

        if (records.Count - 1 > maxRows)
        {
            throw new FormatException($"{records.Count - 1:N0} rows; an import takes at most {maxRows:N0}");
        }

        var rows = new List<AssetRequest>(records.Count - 1);
        for (var r = 1; r < records.Count; r++)
        {
            var record = records[r];
            if (record.Count != header.Count)
            {
                throw new FormatException($"row {r}: {record.Count} fields, the header has {header.Count}");
            }

            string? Column(string name)
            {
                var index = header.IndexOf(name);
                return index < 0 || record[index].Length == 0 ? null : record[index];
            }

            Dictionary<string, string>? metadata = null;
            for (var c = 0; c < header.Count; c++)
            {
                if (header[c].StartsWith("meta.", StringComparison.Ordinal) && record[c].Length > 0)
                {
                    (metadata ??= new Dictionary<string, string>(StringComparer.Ordinal))[header[c]["meta.".Length..]] = record[c];
                }
            }

            rows.Add(new AssetRequest(Column("id"), Column("kind"), Column("name"), new AssetLocation(Coordinate(Column("lon")), Coordinate(Column("lat"))), Column("deviceId"), metadata));
        }

        return rows;
    }

    public static List<AssetRequest> ParseGeoJson(JsonElement root, int maxRows)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "FeatureCollection"
            || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("expected a GeoJSON FeatureCollection");
        }

        if (features.GetArrayLength() > maxRows)
        {
            throw new FormatException($"{features.GetArrayLength():N0} features; an import takes at most {maxRows:N0}");
        }

        var rows = new List<AssetRequest>();
        var i = 0;
        foreach (var feature in features.EnumerateArray())
        {
            i++;
            if (feature.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"feature {i}: not an object");
            }

            var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            double? lon = null, lat = null;
            if (feature.TryGetProperty("geometry", out var geometry) && geometry.ValueKind == JsonValueKind.Object
                && geometry.TryGetProperty("type", out var geometryType) && geometryType.ValueKind == JsonValueKind.String && geometryType.GetString() == "Point"
                && geometry.TryGetProperty("coordinates", out var position) && position.ValueKind == JsonValueKind.Array && position.GetArrayLength() is 2 or 3
                && position[0].ValueKind == JsonValueKind.Number && position[1].ValueKind == JsonValueKind.Number)
            {
                lon = position[0].GetDouble();
                lat = position[1].GetDouble();
            }

            var id = feature.TryGetProperty("id", out var fid) && fid.ValueKind == JsonValueKind.String ? fid.GetString() : Text(properties, "id");
            Dictionary<string, string>? metadata = null;
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object)
            {
                metadata = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var entry in meta.EnumerateObject())
                {
                    metadata[entry.Name] = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : entry.Value.GetRawText();
                }
            }

            rows.Add(new AssetRequest(id, Text(properties, "kind"), Text(properties, "name"), new AssetLocation(lon, lat), Text(properties, "deviceId"), metadata));
        }

        return rows;
    }

    private static double? Coordinate(string? text) =>
        text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? Text(JsonElement properties, string name) =>
        properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
