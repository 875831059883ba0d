namespace UrbanTwin.TwinApi.Assets;

/// <summary>What is wrong with one field of a request (or of one import row, numbered from 1).</summary>
public sealed record FieldError(string Field, string Reason, int? Row = null, string? Id = null);
