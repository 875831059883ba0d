namespace UrbanTwin.Simulator.Generation;

/// <summary>What a <see cref="DeviceGenerator"/> produces besides healthy readings, and how fast its device reports.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Same seed, same device, same calls: the same bytes.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Divides the devices' reporting intervals (air quality 5 min, footfall 15 min, junction 1 min)
    /// and multiplies how many buses arrive; the time of day of the readings stays the real one.
    /// </summary>
    public double SpeedUp { get; init; } = 1;

    /// <summary>Probability per reading that a sensor fault starts (0: healthy sensors only).</summary>
    public double FaultRate { get; init; }

    /// <summary>Share of messages sent as a deliberately bad payload (0: none).</summary>
    public double BadPayloadShare { get; init; }

    public static GeneratorOptions Default { get; } = new();
}
