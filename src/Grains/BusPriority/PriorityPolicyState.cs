namespace UrbanTwin.Grains.BusPriority;

/// <summary>
/// What <see cref="PriorityPolicy"/> remembers between requests at one junction, kept in grain
/// state apart from the options so that a configuration change applies to a persisted junction.
/// </summary>
[GenerateSerializer]
[Alias("ut.PriorityPolicyState")]
public sealed class PriorityPolicyState
{
    /// <summary>When the last grant was given (hub clock, epoch ms); null before the first.</summary>
    [Id(0)]
    public long? LastGrantMs { get; set; }

    /// <summary>When each grant of the last 60 minutes was given (epoch ms), oldest first.</summary>
    [Id(1)]
    public List<long> GrantTimesMs { get; set; } = [];
}
