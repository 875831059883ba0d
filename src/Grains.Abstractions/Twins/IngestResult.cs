namespace UrbanTwin.Grains.Abstractions.Twins;

/// <summary>What the twin did with a batch: how many readings it accepted.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.IngestResult")]
public sealed record IngestResult(int Accepted);
