namespace UrbanTwin.Grains.Abstractions.BusPriority;

/// <summary>The contract's machine-readable reasons for a decision (<c>reason</c> in <c>cmd/priority</c>).</summary>
public static class PriorityReasons
{
    /// <summary>Granted: the bus is later than the threshold.</summary>
    public const string Late = "late";

    /// <summary>Granted: the junction is congested.</summary>
    public const string Congested = "congested";

    /// <summary>Denied: neither late nor congested.</summary>
    public const string OnTime = "on-time";

    /// <summary>Denied: a grant was given too recently at this junction.</summary>
    public const string Inhibited = "inhibited";

    /// <summary>Denied: the junction has had its maximum number of grants in the last hour.</summary>
    public const string HourlyCap = "hourly-cap";
}
