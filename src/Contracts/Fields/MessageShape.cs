namespace UrbanTwin.Contracts.Fields;

/// <summary>What a decoded message becomes: readings, a priority request or a status.</summary>
public enum MessageShape
{
    Telemetry = 1,
    PriorityRequest = 2,
    Status = 3,
}
