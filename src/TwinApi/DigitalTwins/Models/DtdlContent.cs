namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>One element of an Interface's contents, as declared by <see cref="DeclaredIn"/>.</summary>
public sealed record DtdlContent(
    DtdlContentKind Kind,
    string Name,
    DtdlSchema? Schema,
    bool Writable,
    string? Target,
    int? MaxMultiplicity,
    string DeclaredIn);
