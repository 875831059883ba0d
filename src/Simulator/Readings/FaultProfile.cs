namespace UrbanTwin.Simulator.Readings;

/// <summary>
/// How the faults of one kind of sensor show in its values: which slots freeze and at what value
/// (NaN: the value at the moment it froze), which jump in a spike, which can fail to null.
/// </summary>
internal sealed record FaultProfile(
    IReadOnlyList<(int Slot, double Value)> Stuck,
    IReadOnlyList<int> Spike,
    IReadOnlyList<int> Dropout);
