namespace UrbanTwin.Contracts.Topics;

/// <summary>The last level(s) of a device topic: what the message is.</summary>
public enum MessageType
{
    /// <summary><c>telemetry</c>: device → hub readings.</summary>
    Telemetry = 1,

    /// <summary><c>request</c>: device → hub bus priority request.</summary>
    Request = 2,

    /// <summary><c>status</c>: device → hub online/offline, retained, also the Last Will.</summary>
    Status = 3,

    /// <summary><c>errors</c>: hub → device rejection notices.</summary>
    Errors = 4,

    /// <summary><c>cmd/{name}</c>: hub → device commands.</summary>
    Command = 5,
}
