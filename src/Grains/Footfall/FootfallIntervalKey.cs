namespace UrbanTwin.Grains.Footfall;

/// <summary>
/// What identifies a counting interval: its end and its length. A device re-sending the same key
/// means the same interval (a redelivery or a correction); the same end with another length is a
/// different interval.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.FootfallIntervalKey")]
internal readonly record struct FootfallIntervalKey(long EndMs, int Seconds);
