using UrbanTwin.Contracts.Fields;

namespace UrbanTwin.Contracts.Readings;

/// <summary>
/// One decoded telemetry reading: the device's <c>seq</c>, the time it was taken (Unix epoch
/// milliseconds, UTC) and the numeric values present, indexed by the kind's field slots
/// (<see cref="AirQualityField"/>, <see cref="FootfallField"/>, <see cref="BusPriorityField"/>).
/// A value is present only if the device sent a number for it (absent and <c>null</c> are the same).
/// </summary>
public readonly struct Reading
{
    private readonly FieldValues _values;

    public Reading(uint seq, long timestampMs, FieldValues values, byte presentMask)
    {
        Seq = seq;
        TimestampMs = timestampMs;
        _values = values;
        PresentMask = presentMask;
    }

    public uint Seq { get; }

    public long TimestampMs { get; }

    /// <summary>Bit i is set when slot i has a value.</summary>
    public byte PresentMask { get; }

    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(TimestampMs);

    public bool Has(int slot) => (uint)slot < FieldValues.Capacity && (PresentMask & (1 << slot)) != 0;

    public double? this[int slot] => Has(slot) ? _values[slot] : null;

    public bool TryGet(int slot, out double value)
    {
        if (Has(slot))
        {
            value = _values[slot];
            return true;
        }

        value = 0;
        return false;
    }
}
