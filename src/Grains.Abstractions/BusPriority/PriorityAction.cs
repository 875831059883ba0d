namespace UrbanTwin.Grains.Abstractions.BusPriority;

/// <summary>The signal action for a bus; <c>action</c> in the <c>cmd/priority</c> payload.</summary>
public enum PriorityAction
{
    /// <summary>Hold the running green longer: the bus is close enough to clear on it.</summary>
    ExtendGreen = 1,

    /// <summary>Bring the bus's green forward: the bus is further out.</summary>
    EarlyGreen = 2,
}
