using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Grains.Tests.Twins;

/// <summary>Readings as the gateway hands them to a twin, written as (slot, value) pairs.</summary>
internal static class TestReadings
{
    public static Reading AReading(uint seq, long timestampMs, params (int Slot, double Value)[] values)
    {
        var fields = default(FieldValues);
        byte present = 0;
        foreach (var (slot, value) in values)
        {
            fields[slot] = value;
            present |= (byte)(1 << slot);
        }

        return new Reading(seq, timestampMs, fields, present);
    }
}
