namespace UrbanTwin.Grains.Abstractions.Live;

/// <summary>One node of the cluster as the live directory knows it: a per-process id and the observer that takes its deliveries.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.LiveNode")]
public sealed record LiveNode(string NodeId, ILiveNodeObserver Observer);
