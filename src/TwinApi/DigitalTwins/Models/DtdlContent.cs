namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>
/// One element of an Interface's contents, as declared by <see cref="DeclaredIn"/>; a
/// Relationship's <see cref="Properties"/> are the properties an instance of it may hold (none
/// when it declares none).
/// </summary>
public sealed record DtdlContent(
    DtdlContentKind Kind,
    string Name,
    DtdlSchema? Schema,
    bool Writable,
    string? Target,
    int? MaxMultiplicity,
    string DeclaredIn,
    IReadOnlyDictionary<string, DtdlSchema?>? Properties = null);
