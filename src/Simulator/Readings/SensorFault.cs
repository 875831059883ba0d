namespace UrbanTwin.Simulator.Readings;

/// <summary>What is wrong with a reading's sensor, if anything (faults are injected only when asked).</summary>
public enum SensorFault
{
    None = 0,

    /// <summary>A channel repeats one value (a frozen sensor, a blocked beam counting nothing, a detector loop stuck "occupied").</summary>
    Stuck = 1,

    /// <summary>One implausible jump that stays within the contract's range.</summary>
    Spike = 2,

    /// <summary>A channel fails and is sent as <c>null</c>.</summary>
    Dropout = 3,

    /// <summary>No reading at all for a while (the device is connected but takes nothing).</summary>
    Gap = 4,
}
