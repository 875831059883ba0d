namespace UrbanTwin.Contracts.Topics;

/// <summary>
/// A parsed contract v1 topic: <c>ut/v1/{kind}/{deviceId}/{telemetry|request|status|errors}</c> or
/// <c>ut/v1/{kind}/{deviceId}/cmd/{name}</c>. Parsing does not allocate: the device id and command
/// name are exposed as slices of the original topic.
/// </summary>
public readonly struct DeviceTopic
{
    public const string Prefix = "ut/v1/";

    private readonly string _topic;
    private readonly int _idStart;
    private readonly int _idLength;
    private readonly int _commandStart;

    private DeviceTopic(string topic, DeviceKind kind, int idStart, int idLength, MessageType type, int commandStart)
    {
        _topic = topic;
        Kind = kind;
        _idStart = idStart;
        _idLength = idLength;
        Type = type;
        _commandStart = commandStart;
    }

    public DeviceKind Kind { get; }

    public MessageType Type { get; }

    public string Topic => _topic;

    public ReadOnlySpan<char> DeviceIdSpan => _topic.AsSpan(_idStart, _idLength);

    public string DeviceId => _topic.Substring(_idStart, _idLength);

    /// <summary>The command name of a <c>cmd/{name}</c> topic, empty otherwise.</summary>
    public ReadOnlySpan<char> CommandName => Type == MessageType.Command ? _topic.AsSpan(_commandStart) : [];

    public static string Telemetry(DeviceKind kind, string deviceId) => Build(kind, deviceId, "telemetry");

    public static string Request(string deviceId) => Build(DeviceKind.BusPriority, deviceId, "request");

    public static string Status(DeviceKind kind, string deviceId) => Build(kind, deviceId, "status");

    public static string Errors(DeviceKind kind, string deviceId) => Build(kind, deviceId, "errors");

    public static string Command(DeviceKind kind, string deviceId, string name)
    {
        if (!IsCommandName(name))
        {
            throw new ArgumentException($"Command name '{name}' is not a single lower-case topic level.", nameof(name));
        }

        return Build(kind, deviceId, "cmd/" + name);
    }

    public static bool TryParse(string topic, out DeviceTopic parsed)
    {
        parsed = default;
        if (topic is null || !topic.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic.AsSpan(Prefix.Length);
        var kindEnd = rest.IndexOf('/');
        if (kindEnd < 0 || !DeviceKinds.TryParse(rest[..kindEnd], out var kind))
        {
            return false;
        }

        var idStart = Prefix.Length + kindEnd + 1;
        var afterKind = topic.AsSpan(idStart);
        var idLength = afterKind.IndexOf('/');
        if (idLength < 0 || !Topics.DeviceId.IsValid(afterKind[..idLength]))
        {
            return false;
        }

        var typeStart = idStart + idLength + 1;
        var type = topic.AsSpan(typeStart);
        MessageType messageType;
        var commandStart = 0;
        if (type.SequenceEqual("telemetry"))
        {
            messageType = MessageType.Telemetry;
        }
        else if (type.SequenceEqual("request"))
        {
            messageType = MessageType.Request;
        }
        else if (type.SequenceEqual("status"))
        {
            messageType = MessageType.Status;
        }
        else if (type.SequenceEqual("errors"))
        {
            messageType = MessageType.Errors;
        }
        else if (type.StartsWith("cmd/") && IsCommandName(type[4..]))
        {
            messageType = MessageType.Command;
            commandStart = typeStart + 4;
        }
        else
        {
            return false;
        }

        parsed = new DeviceTopic(topic, kind, idStart, idLength, messageType, commandStart);
        return true;
    }

    private static bool IsCommandName(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > 32)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Build(DeviceKind kind, string deviceId, string suffix)
    {
        if (!Topics.DeviceId.IsValid(deviceId))
        {
            throw new ArgumentException($"'{deviceId}' is not a valid device id ({Topics.DeviceId.Pattern}).", nameof(deviceId));
        }

        return string.Concat(Prefix, kind.ToSegment(), "/", deviceId, "/", suffix);
    }
}
