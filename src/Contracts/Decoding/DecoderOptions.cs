namespace UrbanTwin.Contracts.Decoding;

/// <summary>The limits the decoder enforces; the defaults are contract v1's.</summary>
public sealed class DecoderOptions
{
    /// <summary>Largest accepted payload in bytes (64 KiB).</summary>
    public int MaxPayloadBytes { get; init; } = 64 * 1024;

    /// <summary>Most readings in one backlog array.</summary>
    public int MaxBatchReadings { get; init; } = 500;

    /// <summary>How far ahead of the hub's clock a reading may be.</summary>
    public TimeSpan FutureTolerance { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How old a reading may be.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromDays(7);

    public static DecoderOptions Default { get; } = new();
}
