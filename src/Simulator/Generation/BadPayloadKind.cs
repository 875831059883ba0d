using UrbanTwin.Contracts.Errors;

namespace UrbanTwin.Simulator.Generation;

/// <summary>The deliberately bad payloads a simulated device sends when asked, as buggy firmware would.</summary>
public enum BadPayloadKind
{
    /// <summary>Cut off half-way (a buffer sent before it was complete).</summary>
    Truncated = 1,

    /// <summary>A comma before the closing brace.</summary>
    TrailingComma = 2,

    /// <summary>The last value written as <c>NaN</c> (a float printed without a check).</summary>
    NotANumber = 3,

    /// <summary>A field the contract does not know (<c>pm25</c> for <c>pm2_5</c>, a person id, …).</summary>
    UnknownField = 4,

    /// <summary>A number sent as a string.</summary>
    NumberAsString = 5,

    /// <summary>No <c>seq</c>.</summary>
    MissingSequence = 6,

    /// <summary>A value no sensor can read (humidity of 140%, a negative count, occupancy of 130%, a bus 15 minutes away).</summary>
    ImpossibleValue = 7,
}

/// <summary>The error code the hub answers each bad payload with.</summary>
public static class BadPayloadKinds
{
    public static IReadOnlyList<BadPayloadKind> All { get; } = Enum.GetValues<BadPayloadKind>();

    public static ErrorCode ExpectedError(this BadPayloadKind kind) => kind switch
    {
        BadPayloadKind.Truncated or BadPayloadKind.TrailingComma or BadPayloadKind.NotANumber => ErrorCode.MalformedJson,
        BadPayloadKind.ImpossibleValue => ErrorCode.OutOfRange,
        _ => ErrorCode.SchemaViolation,
    };
}
