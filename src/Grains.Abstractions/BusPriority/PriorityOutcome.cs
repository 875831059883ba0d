namespace UrbanTwin.Grains.Abstractions.BusPriority;

/// <summary>Whether a bus priority request is granted; <c>decision</c> in the <c>cmd/priority</c> payload.</summary>
public enum PriorityOutcome
{
    Granted = 1,
    Denied = 2,
}
