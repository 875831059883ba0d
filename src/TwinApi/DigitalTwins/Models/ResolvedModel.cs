namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>
/// An Interface with its inheritance applied: every content by name, its own and those it
/// extends, and the Interfaces it is (itself and its ancestors), which <c>IS_OF_MODEL</c> and
/// relationship targets match against.
/// </summary>
public sealed class ResolvedModel(DtdlInterface model, IReadOnlyDictionary<string, DtdlContent> contents, IReadOnlySet<string> ancestry)
{
    public string Id => Model.Id;

    public DtdlInterface Model { get; } = model;

    public IReadOnlyDictionary<string, DtdlContent> Contents { get; } = contents;

    /// <summary>This Interface's id and those of every Interface it extends, directly or not.</summary>
    public IReadOnlySet<string> Ancestry { get; } = ancestry;

    public bool IsA(string modelId) => Ancestry.Contains(modelId);

    public DtdlContent? Find(string name, DtdlContentKind kind) =>
        Contents.TryGetValue(name, out var content) && content.Kind == kind ? content : null;
}
