namespace UrbanTwin.TestSupport.Durability;

/// <summary>How a <see cref="CrashLoop"/> runs: how many kills, how much load, and which time-series store.</summary>
public sealed record CrashLoopOptions
{
    /// <summary><c>embedded</c>, <c>influxdb</c>, or <c>influxdb-down</c> (InfluxDB stopped through every kill, started at the end).</summary>
    public string Store { get; init; } = "embedded";

    public int Kills { get; init; } = 3;

    public int Devices { get; init; } = 4;

    /// <summary>QoS 1 publishes each device keeps unacknowledged.</summary>
    public int InFlightPerDevice { get; init; } = 16;

    /// <summary>Acknowledged readings (all devices together) to wait for in each round before the kill.</summary>
    public int ReadingsPerRound { get; init; } = 400;

    /// <summary>The most extra time, chosen at random, before each kill.</summary>
    public TimeSpan MaxExtraDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Where progress lines go (none: quiet).</summary>
    public Action<string>? Log { get; init; }
}
