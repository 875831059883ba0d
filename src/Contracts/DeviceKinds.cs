namespace UrbanTwin.Contracts;

/// <summary>Converts <see cref="DeviceKind"/> to and from its topic segment (<c>air-quality</c>, ...).</summary>
public static class DeviceKinds
{
    public const string AirQuality = "air-quality";
    public const string Footfall = "footfall";
    public const string BusPriority = "bus-priority";

    public static IReadOnlyList<DeviceKind> All { get; } = [DeviceKind.AirQuality, DeviceKind.Footfall, DeviceKind.BusPriority];

    public static string ToSegment(this DeviceKind kind) => kind switch
    {
        DeviceKind.AirQuality => AirQuality,
        DeviceKind.Footfall => Footfall,
        DeviceKind.BusPriority => BusPriority,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown device kind."),
    };

    public static bool TryParse(ReadOnlySpan<char> segment, out DeviceKind kind)
    {
        if (segment.SequenceEqual(AirQuality))
        {
            kind = DeviceKind.AirQuality;
            return true;
        }

        if (segment.SequenceEqual(Footfall))
        {
            kind = DeviceKind.Footfall;
            return true;
        }

        if (segment.SequenceEqual(BusPriority))
        {
            kind = DeviceKind.BusPriority;
            return true;
        }

        kind = default;
        return false;
    }
}
