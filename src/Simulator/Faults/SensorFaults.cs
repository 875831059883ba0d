using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Simulator.Readings;

namespace UrbanTwin.Simulator.Faults;

/// <summary>
/// One device's sensor faults: with probability <c>rate</c> per reading a fault starts (stuck,
/// spike, dropout or gap, as the kind allows), lasts 3 to 12 readings (a spike one), and changes
/// the healthy values as the kind's <see cref="FaultProfile"/> says; a new fault starts only after
/// at least one healthy reading. Rate 0: never, and no random number is drawn.
/// </summary>
internal sealed class SensorFaults(FaultProfile profile, MessageSchema schema, double rate, SimulationRandom random)
{
    private SensorFault _active;
    private int _remaining;
    private int _dropped = -1;
    private FieldValues _held;
    private bool _justEnded;

    /// <summary>Applies the fault in progress (or one that starts now) to a reading; returns which.</summary>
    public SensorFault Apply(ref FieldValues values, ref byte present)
    {
        if (_remaining == 0 && !_justEnded && random.Chance(rate))
        {
            Start(values);
        }

        if (_remaining == 0)
        {
            _justEnded = false;
            return SensorFault.None;
        }

        _justEnded = --_remaining == 0;
        switch (_active)
        {
            case SensorFault.Stuck:
                foreach (var (slot, _) in profile.Stuck)
                {
                    values[slot] = _held[slot];
                    present |= (byte)(1 << slot);
                }

                break;
            case SensorFault.Spike:
                var factor = random.Range(6, 15);
                foreach (var slot in profile.Spike)
                {
                    var field = FieldOf(slot);
                    values[slot] = Math.Min(field.Max, Math.Round(values[slot] * factor, field.Type == FieldType.Integer ? 0 : 1));
                }

                break;
            case SensorFault.Dropout:
                present &= (byte)~(1 << _dropped);
                break;
        }

        return _active;
    }

    private void Start(in FieldValues values)
    {
        var kinds = new List<SensorFault>(4) { SensorFault.Stuck, SensorFault.Spike, SensorFault.Gap };
        if (profile.Dropout.Count > 0)
        {
            kinds.Add(SensorFault.Dropout);
        }

        _active = random.Pick(kinds);
        _remaining = _active == SensorFault.Spike ? 1 : 3 + random.Next(10);
        if (_active == SensorFault.Stuck)
        {
            foreach (var (slot, value) in profile.Stuck)
            {
                _held[slot] = double.IsNaN(value) ? values[slot] : value;
            }
        }
        else if (_active == SensorFault.Dropout)
        {
            _dropped = random.Pick(profile.Dropout);
        }
    }

    private ContractField FieldOf(int slot)
    {
        foreach (var field in schema.Fields)
        {
            if (field.IsNumeric && field.Slot == slot)
            {
                return field;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(slot), slot, "no numeric field in " + schema);
    }
}
