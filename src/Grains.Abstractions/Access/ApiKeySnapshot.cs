namespace UrbanTwin.Grains.Abstractions.Access;

/// <summary>Every API key, revoked ones included, at one version of the key store (the version grows with every change).</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.ApiKeySnapshot")]
public sealed record ApiKeySnapshot(long Version, IReadOnlyList<ApiKeyRecord> Keys);
