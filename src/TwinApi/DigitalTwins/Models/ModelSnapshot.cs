namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>Every model the node knows at one version of the model store: the product's own first, then the uploaded ones in upload order.</summary>
public sealed class ModelSnapshot(long version, IReadOnlyList<ModelEntry> entries)
{
    private readonly Dictionary<string, ModelEntry> _byId = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);

    public long Version { get; } = version;

    public IReadOnlyList<ModelEntry> Entries { get; } = entries;

    public ModelEntry? Find(string id) => _byId.GetValueOrDefault(id);

    public ResolvedModel? Resolve(string id) => _byId.TryGetValue(id, out var entry) ? entry.Model : null;

    /// <summary>The models that extend, contain as a Component, or target <paramref name="id"/> (other than itself).</summary>
    public IEnumerable<string> ReferencesTo(string id) =>
        Entries.Where(e => e.Id != id && (e.Model.Model.Extends.Contains(id) || e.Model.Model.Contents.Any(c =>
            c.Target == id || (c.Schema is DtdlSchema.Interface component && component.Id == id)))).Select(e => e.Id);
}
