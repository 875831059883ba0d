namespace UrbanTwin.Gateway.Mqtt;

/// <summary>
/// Which MQTT client ids a device may use: its device id, or its device id, <c>:</c> and a suffix
/// of its own (a second connection). <c>:</c> never occurs in a device id, so every client id has
/// at most one owner and no device can claim, take over or squat another device's session.
/// </summary>
public static class DeviceClientIds
{
    public const char Separator = ':';

    /// <summary>The longest client id accepted.</summary>
    public const int MaxLength = 128;

    public static bool BelongsTo(string clientId, string deviceId) =>
        clientId.Length <= MaxLength
        && clientId.StartsWith(deviceId, StringComparison.Ordinal)
        && (clientId.Length == deviceId.Length || clientId[deviceId.Length] == Separator);

    /// <summary>A client id for an MQTT 5 client that left it to the server.</summary>
    public static string Assign(string deviceId) => deviceId + Separator + Guid.NewGuid().ToString("N")[..12];
}
