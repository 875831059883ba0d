using UrbanTwin.Grains.Abstractions.Access;

namespace UrbanTwin.Grains.Access;

[GenerateSerializer]
[Alias("ut.ApiKeyStoreState")]
public sealed class ApiKeyStoreState
{
    [Id(0)]
    public long Version { get; set; }

    [Id(1)]
    public Dictionary<string, ApiKeyRecord> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the first admin key was ever made: it is never made twice, even once revoked.</summary>
    [Id(2)]
    public bool AdminBootstrapped { get; set; }
}
