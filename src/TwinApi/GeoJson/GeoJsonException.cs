namespace UrbanTwin.TwinApi.GeoJson;

/// <summary>GeoJSON that cannot be used, with the JSON path of the first problem and what is wrong there.</summary>
public sealed class GeoJsonException(string path, string reason) : Exception($"{path}: {reason}")
{
    public string Path { get; } = path;

    public string Reason { get; } = reason;
}
