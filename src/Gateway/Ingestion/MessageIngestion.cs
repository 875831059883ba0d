using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Contracts.Decoding;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Downlink;
using UrbanTwin.Gateway.Journal;
using UrbanTwin.Grains.Abstractions.BusPriority;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>
/// The ingestion pipeline for one device → hub message, whichever broker it came through:
/// validate and decode, drop QoS 1 duplicates, hand the accepted readings to the asset's twin in
/// one call, pass status changes on, and answer every rejection on the device's <c>errors</c>
/// topic (rate-limited per device). Accepted readings are written to the journal (fsync'd) before
/// the twin gets them, and a message is acknowledged only once it survives a crash
/// (<see cref="IngestionTicket.Kept"/>); the twin gets the asset's messages in order, after that.
/// </summary>
public sealed class MessageIngestion
{
    private static readonly TimeSpan RetryFirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RetryMaxDelay = TimeSpan.FromSeconds(5);

    private readonly MessagePreparation _preparation;
    private readonly ErrorReplies _replies;
    private readonly DuplicateFilter _duplicates;
    private readonly IGrainFactory _grains;
    private readonly IDeviceDownlink _downlink;
    private readonly IngestionJournal _journal;
    private readonly AssetFeeds _feeds;
    private readonly IngestionTelemetry _telemetry;
    private readonly CancellationToken _stopping;
    private readonly IngestionMetrics _metrics;
    private readonly IngestionClock _clock;
    private readonly ILogger<MessageIngestion> _logger;
    private readonly HandoffFailures _retrying = new();

    public MessageIngestion(
        IOptions<IngestionOptions> options,
        DuplicateFilter duplicates,
        IGrainFactory grains,
        IDeviceDownlink downlink,
        IngestionJournal journal,
        AssetFeeds feeds,
        IngestionTelemetry telemetry,
        IHostApplicationLifetime lifetime,
        IngestionMetrics metrics,
        IngestionClock clock,
        ILogger<MessageIngestion> logger)
    {
        var settings = options.Value;
        var validator = new DeviceMessageValidator(new PayloadDecoder(new DecoderOptions { MaxAge = settings.MaxReadingAge }));
        _preparation = new MessagePreparation(validator, duplicates, metrics, clock, logger);
        _replies = new ErrorReplies(downlink, new ErrorRateLimiter(clock.Time, settings.ErrorReplyBurst, settings.ErrorRepliesPerSecond), metrics, logger);
        _duplicates = duplicates;
        _grains = grains;
        _downlink = downlink;
        _journal = journal;
        _feeds = feeds;
        _telemetry = telemetry;
        _stopping = lifetime.ApplicationStopping;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>
    /// Assets whose acknowledged readings are not reaching their twin (hand-offs being tried
    /// again), since when and why; null while every hand-off succeeds.
    /// </summary>
    public (int Assets, DateTimeOffset Since, string Reason)? FailingHandoffs => _retrying.Current;

    /// <summary>
    /// Takes a message without waiting for the disk or the twin: validates, decodes and
    /// de-duplicates it, appends its readings to the journal and queues its hand-off behind the
    /// asset's earlier ones (<see cref="AssetFeeds"/>). The broker acknowledges it once
    /// <see cref="IngestionTicket.Kept"/> completes, and reads the device's next message meanwhile,
    /// so one fsync serves many of a device's messages.
    /// </summary>
    public IngestionTicket Accept(string topic, string publisher, DeviceRegistration? registration, ReadOnlySequence<byte> payload, PublishFlags flags) =>
        Accept(topic, null, publisher, registration, payload, flags);

    private IngestionTicket Accept(string topic, DeviceTopic? parsed, string publisher, DeviceRegistration? registration, in ReadOnlySequence<byte> payload, PublishFlags flags)
    {
        _metrics.Message();
        var work = _preparation.Prepare(topic, parsed, publisher, registration, payload, flags);
        var outcome = work.Outcome();
        if (registration is null)
        {
            return new IngestionTicket(outcome, Task.CompletedTask);
        }

        // The hand-off runs in the span's context (captured when it is queued); the caller's is restored.
        var caller = Activity.Current;
        var span = _telemetry.StartMessage(registration, topic, work.Batch?.Readings.Length ?? 0);
        try
        {
            // The LSN is taken under the asset's lock, so the asset's hand-offs run in LSN order.
            var handedOff = _feeds.Enqueue(
                registration.AssetId,
                () => work.Batch is { Readings.Length: > 0 } batch ? _journal.AppendAsync(registration.AssetId, batch) : null,
                durable => HandOffAsync(topic, registration, work, durable, span));
            return new IngestionTicket(outcome, handedOff);
        }
        finally
        {
            Activity.Current = caller;
        }
    }

    /// <summary>
    /// <see cref="Accept"/> for a topic the broker client already parsed (it is not parsed again),
    /// then waits until the message is kept (the gateway behind mosquitto acknowledges to the
    /// broker after this); an exception means "not kept".
    /// </summary>
    /// <returns>What became of the message, for the acknowledgement.</returns>
    public async Task<PublishOutcome> IngestAsync(DeviceTopic topic, string publisher, DeviceRegistration? registration, ReadOnlySequence<byte> payload, PublishFlags flags)
    {
        var ticket = Accept(topic.Topic, topic, publisher, registration, payload, flags);
        await ticket.Kept;
        return ticket.Outcome;
    }

    private async Task HandOffAsync(string topic, DeviceRegistration registration, PreparedMessage work, Task<long>? durable, Activity? span)
    {
        try
        {
            await HandOffAsync(topic, registration, work, durable);
        }
        catch (Exception ex) when (span is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            span?.Dispose();
        }
    }

    private async Task HandOffAsync(string topic, DeviceRegistration registration, PreparedMessage work, Task<long>? durable)
    {
        var twin = _grains.Twin(registration.AssetId);
        if (work.Batch is { } batch)
        {
            var started = Stopwatch.GetTimestamp();
            if (durable is not null)
            {
                long lsn;
                try
                {
                    using (IngestionTelemetry.StartStep("journal"))
                    {
                        lsn = await durable;
                    }
                }
                catch (Exception)
                {
                    // Not on disk, so not acknowledged: the device sends these readings again, and
                    // they must not then be dropped as duplicates of readings nobody kept.
                    _duplicates.Release(registration.DeviceId, batch.Readings);
                    throw;
                }

                batch = batch with { Journal = new JournalPosition(_journal.JournalId, lsn) };
                IngestResult? kept;
                using (IngestionTelemetry.StartStep("twin"))
                {
                    kept = await HandOffKeptAsync(twin, registration, batch);
                }

                if (kept is null)
                {
                    return;
                }

                _metrics.Accepted(kept.Accepted);
            }
            else
            {
                _metrics.Accepted((await twin.IngestAsync(batch)).Accepted);
            }

            _metrics.Handoff(Stopwatch.GetElapsedTime(started));
        }
        else if (work.Errors is { Count: > 0 } rejected)
        {
            await twin.CountRejectedAsync(rejected.Count);
        }

        if (work.Status is { } status)
        {
            await twin.SetConnectionAsync(status);
        }

        if (work.Request is { } request)
        {
            // Decided within the twin call; the answer goes straight back to the junction.
            var started = Stopwatch.GetTimestamp();
            var decision = await twin.RequestPriorityAsync(request, work.ReceivedAtMs);
            await _downlink.PublishAsync(DeviceTopic.Command(registration.Kind, registration.DeviceId, "priority"), decision.ToUtf8Json(), CancellationToken.None);
            _metrics.PriorityDecided(Stopwatch.GetElapsedTime(started), decision.Decision == PriorityOutcome.Granted);
        }

        // Replies go out after the twin has recorded the message, so a device that reads its
        // errors sees a twin that already counts them.
        if (work.Errors is { } errors)
        {
            await _replies.SendAsync(registration, topic, errors);
        }
    }

    /// <summary>
    /// Hands journalled (acknowledged) readings to the twin, trying again until it takes them:
    /// the asset's later batches wait behind, so the twin never applies a later LSN first and
    /// skips this one. Only a stopping node gives up (the journal replays them at the next
    /// checkpoint or start); then null.
    /// </summary>
    private async Task<IngestResult?> HandOffKeptAsync(IAssetTwinGrain twin, DeviceRegistration registration, TelemetryBatch batch)
    {
        var delay = RetryFirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            if (_stopping.IsCancellationRequested)
            {
                IngestionLog.HandoffLeftToJournal(_logger, registration.AssetId, batch.Journal!.Lsn);
                _retrying.End(attempt > 1);
                return null;
            }

            try
            {
                var result = await twin.IngestAsync(batch);
                _retrying.End(attempt > 1);
                return result;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _metrics.HandoffRetried();
                _retrying.Failed(firstFailure: attempt == 1, ex.Message);
                IngestionLog.HandoffRetrying(_logger, ex, registration.AssetId, attempt, (int)delay.TotalMilliseconds);
            }

            try
            {
                await Task.Delay(delay, _stopping);
            }
            catch (OperationCanceledException)
            {
                // Stopping: reported at the top of the loop.
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, RetryMaxDelay.Ticks));
        }
    }

    /// <summary>Marks the device's twin offline when its connection ends.</summary>
    public Task DisconnectedAsync(DeviceRegistration device) =>
        _grains.Twin(device.AssetId).SetConnectionAsync(new ConnectionChange(device.DeviceId, DeviceState.Offline, null, _clock.NowMs));
}
