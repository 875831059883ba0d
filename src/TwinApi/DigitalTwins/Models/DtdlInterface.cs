using System.Text.Json.Nodes;

namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>
/// An Interface as read from its DTDL (its own contents only, before inheritance), with its
/// definition kept as sent.
/// </summary>
public sealed record DtdlInterface(
    string Id,
    IReadOnlyList<string> Extends,
    IReadOnlyList<DtdlContent> Contents,
    JsonObject? DisplayName,
    JsonObject? Description,
    JsonObject Definition);
