namespace UrbanTwin.Contracts.Errors;

/// <summary>Wire names of <see cref="ErrorCode"/>, as published on a device's <c>errors</c> topic.</summary>
public static class ErrorCodes
{
    public const string MalformedJson = "malformed-json";
    public const string SchemaViolation = "schema-violation";
    public const string OutOfRange = "out-of-range";
    public const string UnknownDevice = "unknown-device";
    public const string WrongKind = "wrong-kind";
    public const string PayloadTooLarge = "payload-too-large";
    public const string ClockSkew = "clock-skew";
    public const string UnauthorizedTopic = "unauthorized-topic";
    public const string UnsupportedQos = "unsupported-qos";

    public static IReadOnlyList<ErrorCode> All { get; } = Enum.GetValues<ErrorCode>();

    public static string ToWire(this ErrorCode code) => code switch
    {
        ErrorCode.MalformedJson => MalformedJson,
        ErrorCode.SchemaViolation => SchemaViolation,
        ErrorCode.OutOfRange => OutOfRange,
        ErrorCode.UnknownDevice => UnknownDevice,
        ErrorCode.WrongKind => WrongKind,
        ErrorCode.PayloadTooLarge => PayloadTooLarge,
        ErrorCode.ClockSkew => ClockSkew,
        ErrorCode.UnauthorizedTopic => UnauthorizedTopic,
        ErrorCode.UnsupportedQos => UnsupportedQos,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown error code."),
    };

    public static bool TryParse(string wire, out ErrorCode code)
    {
        foreach (var candidate in All)
        {
            if (candidate.ToWire() == wire)
            {
                code = candidate;
                return true;
            }
        }

        code = default;
        return false;
    }
}
