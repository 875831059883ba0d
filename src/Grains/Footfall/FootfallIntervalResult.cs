namespace UrbanTwin.Grains.Footfall;

/// <summary>What <see cref="FootfallTally.Add"/> did with an interval.</summary>
public enum FootfallIntervalResult
{
    /// <summary>A new interval: its counts were added.</summary>
    Added = 1,

    /// <summary>An interval already held, re-sent with other counts (a correction): the new counts replace the old.</summary>
    Replaced = 2,

    /// <summary>An interval already held, re-sent with the same counts (a QoS 1 redelivery): nothing changed.</summary>
    Duplicate = 3,

    /// <summary>An interval older than the retained window: refused, nothing changed.</summary>
    TooOld = 4,
}
