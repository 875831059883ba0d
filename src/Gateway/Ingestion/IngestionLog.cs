using Microsoft.Extensions.Logging;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>The gateway's structured log messages.</summary>
internal static partial class IngestionLog
{
    [LoggerMessage(1, LogLevel.Information, "Embedded MQTT broker listening on {Address}:{Port}")]
    public static partial void BrokerListening(ILogger logger, string address, int port);

    [LoggerMessage(8, LogLevel.Information, "Embedded MQTT broker listening for TLS on {Address}:{Port} with certificate {Subject}")]
    public static partial void BrokerListeningTls(ILogger logger, string address, int port, string subject);

    [LoggerMessage(9, LogLevel.Information, "Gateway connected to {Host}:{Port}, subscribed to {Filter} (session present: {SessionPresent})")]
    public static partial void ExternalConnected(ILogger logger, string host, int port, string filter, bool sessionPresent);

    [LoggerMessage(10, LogLevel.Warning, "Gateway could not reach the broker at {Host}:{Port}; retrying in {DelaySeconds} s: {Reason}")]
    public static partial void ExternalConnectFailed(ILogger logger, string host, int port, double delaySeconds, string reason);

    [LoggerMessage(11, LogLevel.Debug, "Ignored a message on {Topic}: not a device topic")]
    public static partial void UnroutableTopic(ILogger logger, string topic);

    [LoggerMessage(12, LogLevel.Information, "Wrote mosquitto password and ACL files to {Directory} (registry version {Version}, {Devices} devices)")]
    public static partial void AuthFilesWritten(ILogger logger, string directory, long version, int devices);

    [LoggerMessage(21, LogLevel.Warning, "{Count} active devices have no mosquitto password (provisioned while the node ran its own broker) and were left out of the password file: rotate their secrets")]
    public static partial void DevicesWithoutMosquittoHash(ILogger logger, int count);

    [LoggerMessage(13, LogLevel.Error, "Could not write mosquitto's auth files to {Directory}")]
    public static partial void AuthFilesFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(14, LogLevel.Warning, "Could not signal mosquitto (pid {Pid}) to reload its auth files: errno {Errno}")]
    public static partial void BrokerSignalFailed(ILogger logger, int pid, int errno);

    /// <summary>
    /// Debug, not Information: a city's devices connect by the thousand at every start and after
    /// every network blip, and one line each buried the node's own messages (a simulated city of
    /// 500 wrote 500 of them). Refusals stay Warnings: they are rare and may be an attack.
    /// </summary>
    [LoggerMessage(2, LogLevel.Debug, "Device {DeviceId} connected from {Endpoint}")]
    public static partial void DeviceConnected(ILogger logger, string deviceId, string? endpoint);

    [LoggerMessage(3, LogLevel.Warning, "Connection refused for {UserName} from {Endpoint}: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string? userName, string? endpoint, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Subscription to {TopicFilter} refused for device {DeviceId}")]
    public static partial void SubscriptionRefused(ILogger logger, string topicFilter, string? deviceId);

    [LoggerMessage(5, LogLevel.Debug, "Rejected message from {DeviceId} on {Topic}: {Code} at {Path}: {Message}")]
    public static partial void Rejected(ILogger logger, string deviceId, string topic, string code, string path, string message);

    [LoggerMessage(6, LogLevel.Error, "Hand-off to the twin of {DeviceId} failed; the connection is closed so the device re-sends")]
    public static partial void HandoffFailed(ILogger logger, Exception exception, string deviceId);

    [LoggerMessage(15, LogLevel.Information, "Device {DeviceId} disconnected ({ClientId}): its credentials were revoked")]
    public static partial void SessionEnded(ILogger logger, string deviceId, string clientId);

    [LoggerMessage(20, LogLevel.Warning, "Could not read the record of device {DeviceId} while revoking its credentials; its sessions on this node are ended")]
    public static partial void RevocationLookupFailed(ILogger logger, Exception exception, string deviceId);

    [LoggerMessage(16, LogLevel.Error, "The decoder failed on a message from {DeviceId} on {Topic}; it was refused as malformed-json")]
    public static partial void DecoderFault(ILogger logger, Exception exception, string deviceId, string topic);

    [LoggerMessage(7, LogLevel.Warning, "Could not send an error reply to {DeviceId}")]
    public static partial void ReplyFailed(ILogger logger, Exception exception, string deviceId);

    [LoggerMessage(17, LogLevel.Error, "Hand-off of acknowledged readings to the twin of {AssetId} failed (attempt {Attempt}); the asset's later messages wait, trying again in {DelayMs} ms")]
    public static partial void HandoffRetrying(ILogger logger, Exception exception, string assetId, int attempt, int delayMs);

    [LoggerMessage(18, LogLevel.Warning, "Stopping: acknowledged readings of {AssetId} from journal entry {Lsn} on are left to the journal's replay")]
    public static partial void HandoffLeftToJournal(ILogger logger, string assetId, long lsn);

    [LoggerMessage(19, LogLevel.Error, "A message of {ClientId} could not be kept; it is not acknowledged and the connection is closed so the device sends it again")]
    public static partial void NotKept(ILogger logger, Exception? exception, string clientId);
}
