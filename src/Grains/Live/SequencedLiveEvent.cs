using UrbanTwin.Grains.Abstractions.Live;

namespace UrbanTwin.Grains.Live;

/// <summary>A live event with its number on this node, in the order the node fanned events out.</summary>
public sealed record SequencedLiveEvent(long Sequence, LiveEvent Event);
