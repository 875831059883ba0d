using Microsoft.Extensions.Logging;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Downlink;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>
/// Answers a message's rejections on the device's <c>errors</c> topic, each logged, the replies
/// rate-limited per device (<see cref="ErrorRateLimiter"/>). A reply is a courtesy: failing to
/// send one never fails the message.
/// </summary>
internal sealed class ErrorReplies(IDeviceDownlink downlink, ErrorRateLimiter limiter, IngestionMetrics metrics, ILogger logger)
{
    public async Task SendAsync(DeviceRegistration device, string topic, List<ContractError> errors)
    {
        var errorsTopic = DeviceTopic.Errors(device.Kind, device.DeviceId);
        foreach (var error in errors)
        {
            IngestionLog.Rejected(logger, device.DeviceId, topic, error.Code.ToWire(), error.Path, error.Message);
            if (!limiter.TryAcquire(device.DeviceId))
            {
                metrics.ReplySuppressed();
                continue;
            }

            try
            {
                await downlink.PublishAsync(errorsTopic, ErrorReply.ToUtf8(error), CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                IngestionLog.ReplyFailed(logger, ex, device.DeviceId);
            }
        }
    }
}
