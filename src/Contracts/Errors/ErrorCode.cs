namespace UrbanTwin.Contracts.Errors;

/// <summary>The contract's error codes; <see cref="ErrorCodes"/> gives their wire names.</summary>
public enum ErrorCode
{
    MalformedJson = 1,
    SchemaViolation = 2,
    OutOfRange = 3,
    UnknownDevice = 4,
    WrongKind = 5,
    PayloadTooLarge = 6,
    ClockSkew = 7,
    UnauthorizedTopic = 8,
    UnsupportedQos = 9,
}
