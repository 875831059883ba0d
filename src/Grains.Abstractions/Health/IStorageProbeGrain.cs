namespace UrbanTwin.Grains.Abstractions.Health;

/// <summary>
/// Proves the grain storage works end to end (SQLite on a single node, Redis in a cluster): each
/// probe writes the grain's state and returns how many probes were stored so far.
/// </summary>
[Alias("ut.IStorageProbeGrain")]
public interface IStorageProbeGrain : IGrainWithStringKey
{
    public const string Key = "health";

    [Alias("Probe")]
    Task<long> ProbeAsync();
}
