namespace UrbanTwin.Grains.Abstractions.DigitalTwins;

/// <summary>A DTDL Interface uploaded through the twin API: its definition as sent (JSON), when, and whether it is decommissioned.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.StoredModel")]
public sealed record StoredModel(string Id, string Definition, long UploadTicks, bool Decommissioned);
