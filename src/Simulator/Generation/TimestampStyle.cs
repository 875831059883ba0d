namespace UrbanTwin.Simulator.Generation;

/// <summary>How a device writes <c>ts</c>: the contract accepts both.</summary>
public enum TimestampStyle
{
    /// <summary>Integer Unix epoch milliseconds: <c>1557219600000</c>.</summary>
    EpochMilliseconds = 1,

    /// <summary>An RFC 3339 UTC string with milliseconds: <c>"2019-05-07T09:00:00.000Z"</c>.</summary>
    Rfc3339 = 2,
}
