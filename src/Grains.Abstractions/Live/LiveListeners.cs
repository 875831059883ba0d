namespace UrbanTwin.Grains.Abstractions.Live;

/// <summary>
/// The nodes that have live listeners, as of <see cref="Version"/>: a node applies a list only if
/// it is newer than the one it has, as answers and notifications may arrive out of order.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.LiveListeners")]
public sealed record LiveListeners(long Version, IReadOnlyList<LiveNode> Nodes)
{
    public static LiveListeners None { get; } = new(0, []);
}
