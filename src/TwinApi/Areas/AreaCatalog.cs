using System.Text.Json;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using Orleans;
using UrbanTwin.Grains.Abstractions.Areas;
using UrbanTwin.TwinApi.GeoJson;

namespace UrbanTwin.TwinApi.Areas;

/// <summary>
/// The named areas this node knows: those of the start-up GeoJSON file and those added through
/// the API (kept in <see cref="IAreaCatalogGrain"/>, polled so every node sees them). Readers get an
/// immutable <see cref="AreaSet"/>; an addition builds a new one and swaps it in.
/// </summary>
public sealed partial class AreaCatalog(IGrainFactory grains, IOptions<AreaOptions> options, GeometryFactory factory, TimeProvider time, ILogger<AreaCatalog> logger) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private List<Area> _fileAreas = [];
    private long _version = -1;

    public AreaSet Current { get; private set; } = AreaSet.Empty;

    /// <summary>Loads the start-up file (a broken file stops the host: better than running without areas).</summary>
    public void LoadFile()
    {
        var path = options.Value.GeoJsonPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        var full = Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
        using var document = JsonDocument.Parse(File.ReadAllBytes(full));
        _fileAreas = ReadFeatureCollection(document.RootElement, Path.GetFileName(full));
        Current = new AreaSet(_fileAreas);
        Log.Loaded(logger, _fileAreas.Count, full);
    }

    /// <summary>The id of the area a WGS84 point lies in (boundary included), or null.</summary>
    public string? AreaOf(double longitude, double latitude) =>
        Current.Locate(factory.CreatePoint(new Coordinate(longitude, latitude)))?.AreaId;

    /// <summary>Picks up areas added through any node.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var catalog = grains.GetGrain<IAreaCatalogGrain>(IAreaCatalogGrain.Key);
            var version = await catalog.GetVersionAsync();
            if (version == _version)
            {
                return;
            }

            var added = await catalog.GetAllAsync();
            var reader = new GeoJsonReader(factory);
            var areas = new List<Area>(_fileAreas);
            var known = new HashSet<string>(_fileAreas.Select(a => a.AreaId), StringComparer.Ordinal);
            foreach (var definition in added)
            {
                if (known.Add(definition.AreaId))
                {
                    using var geometry = JsonDocument.Parse(definition.GeometryJson);
                    areas.Add(new Area(definition.AreaId, definition.Name, reader.ReadArea(geometry.RootElement), definition.Source));
                }
            }

            Current = new AreaSet(areas);
            _version = version;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Adds an area; false when the id is taken.</summary>
    public async Task<bool> AddAsync(string areaId, string name, Geometry boundary, string source, CancellationToken cancellationToken)
    {
        if (Current.Find(areaId) is not null)
        {
            return false;
        }

        var json = GeoJsonWriter.ToJson(boundary);
        var added = await grains.GetGrain<IAreaCatalogGrain>(IAreaCatalogGrain.Key).AddAsync(new AreaDefinition(areaId, name, json, source, time.GetUtcNow()));
        await RefreshAsync(cancellationToken);
        return added;
    }

    private List<Area> ReadFeatureCollection(JsonElement root, string source)
    {
        var reader = new GeoJsonReader(factory);
        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new GeoJsonException("$", "expected a FeatureCollection");
        }

        var areas = new List<Area>();
        var i = 0;
        foreach (var feature in features.EnumerateArray())
        {
            var path = $"$.features[{i++}]";
            var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var id = Text(properties, options.Value.IdProperty) ?? (feature.TryGetProperty("id", out var fid) ? fid.ToString() : null)
                ?? throw new GeoJsonException(path, $"no '{options.Value.IdProperty}' property and no id");
            var name = Text(properties, options.Value.NameProperty) ?? id;
            areas.Add(new Area(id, name, reader.ReadArea(feature.GetProperty("geometry"), path + ".geometry"), source));
        }

        return areas;
    }

    public void Dispose() => _refresh.Dispose();

    private static string? Text(JsonElement properties, string name) =>
        properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? value.ToString()
            : null;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Loaded {Count} areas from {Path}")]
        public static partial void Loaded(ILogger logger, int count, string path);
    }
}
