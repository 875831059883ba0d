using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Simulator.Readings;

/// <summary>A healthy sensor of one kind at one site: what it measures at an instant, and how its faults show.</summary>
internal abstract class ReadingModel
{
    public abstract MessageSchema Schema { get; }

    public abstract FaultProfile Faults { get; }

    /// <summary>
    /// Fills the values a healthy sensor reports at <paramref name="utcMs"/> for a reading covering
    /// <paramref name="intervalSeconds"/>, and sets their bits in <paramref name="present"/>.
    /// Values are rounded as the device sends them.
    /// </summary>
    public abstract void Measure(long utcMs, int intervalSeconds, SimulationRandom random, ref FieldValues values, ref byte present);

    protected static void Set(ref FieldValues values, ref byte present, int slot, double value)
    {
        values[slot] = value;
        present |= (byte)(1 << slot);
    }
}
