using System.Text.Json.Nodes;

namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>
/// The product's own DTDL models (<c>firmware-contracts/dtdl</c>, copied beside the host as
/// <c>dtdl/</c>): the places of a city and an Interface per asset kind. Read and checked once at
/// start; a node whose shipped models do not hold stops there.
/// </summary>
public sealed class ShippedModels
{
    public const string Directory = "dtdl";

    public ShippedModels()
        : this(Path.Combine(AppContext.BaseDirectory, Directory))
    {
    }

    public ShippedModels(string directory)
    {
        var errors = new List<string>();
        var definitions = System.IO.Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal)
            .Select(file => (JsonObject)JsonNode.Parse(File.ReadAllText(file))!).ToList();
        var interfaces = definitions.Select(d => DtdlReader.Read(d, errors)).OfType<DtdlInterface>().ToList();
        Models = DtdlModelSet.Resolve(interfaces, errors) is { } resolved && errors.Count == 0
            ? [.. interfaces.Select(i => resolved[i.Id])]
            : throw new InvalidOperationException($"The shipped DTDL models in {directory} are invalid: {string.Join("; ", errors)}");
        Definitions = definitions;
    }

    public IReadOnlyList<ResolvedModel> Models { get; }

    /// <summary>The Interfaces as written, for <c>GET /models</c>.</summary>
    public IReadOnlyList<JsonObject> Definitions { get; }
}
