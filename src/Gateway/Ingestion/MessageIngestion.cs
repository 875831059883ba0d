using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ObjectPool;
using Microsoft.Extensions.Options;
using Orleans;
using ErrorCode = UrbanTwin.Contracts.Errors.ErrorCode;
using UrbanTwin.Contracts.Decoding;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Readings;
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
/// the twin gets them, and this returns only after the twin has accepted them, so the broker
/// acknowledges a message only once it survives a crash; an exception means "not accepted".
/// </summary>
public sealed class MessageIngestion
{
    private readonly DeviceMessageValidator _validator;
    private readonly DuplicateFilter _duplicates;
    private readonly ErrorRateLimiter _errorLimiter;
    private readonly IGrainFactory _grains;
    private readonly IDeviceDownlink _downlink;
    private readonly IngestionJournal _journal;
    private readonly IngestionMetrics _metrics;
    private readonly IngestionClock _clock;
    private readonly ILogger<MessageIngestion> _logger;
    private readonly ObjectPool<DecodeResult> _results = new DefaultObjectPool<DecodeResult>(new DefaultPooledObjectPolicy<DecodeResult>(), 64);

    public MessageIngestion(
        IOptions<IngestionOptions> options,
        DuplicateFilter duplicates,
        IGrainFactory grains,
        IDeviceDownlink downlink,
        IngestionJournal journal,
        IngestionMetrics metrics,
        IngestionClock clock,
        ILogger<MessageIngestion> logger)
    {
        var settings = options.Value;
        _validator = new DeviceMessageValidator(new PayloadDecoder(new DecoderOptions { MaxAge = settings.MaxReadingAge }));
        _errorLimiter = new ErrorRateLimiter(clock.Time, settings.ErrorReplyBurst, settings.ErrorRepliesPerSecond);
        _duplicates = duplicates;
        _grains = grains;
        _downlink = downlink;
        _journal = journal;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
    }

    /// <returns>What became of the message, for the acknowledgement.</returns>
    public async Task<PublishOutcome> IngestAsync(string topic, string publisher, DeviceRegistration? registration, ReadOnlySequence<byte> payload, PublishFlags flags, CancellationToken cancellationToken)
    {
        _metrics.Message();
        var work = Prepare(topic, publisher, registration, payload, flags);
        var outcome = work.Outcome();
        if (registration is null)
        {
            return outcome;
        }

        var twin = _grains.Twin(registration.AssetId);
        if (work.Batch is { } batch)
        {
            var started = Stopwatch.GetTimestamp();
            if (batch.Readings.Length > 0)
            {
                // Acknowledged means kept: the readings are on disk before the twin (and the PUBACK) sees them.
                var lsn = await _journal.AppendAsync(registration.AssetId, batch);
                batch = batch with { Journal = new JournalPosition(_journal.JournalId, lsn) };
            }

            var result = await twin.IngestAsync(batch);
            _metrics.Handoff(Stopwatch.GetElapsedTime(started));
            _metrics.Accepted(result.Accepted);
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
            await _downlink.PublishAsync(DeviceTopic.Command(registration.Kind, registration.DeviceId, "priority"), decision.ToUtf8Json(), cancellationToken);
            _metrics.PriorityDecided(Stopwatch.GetElapsedTime(started), decision.Decision == PriorityOutcome.Granted);
        }

        // Replies go out after the twin has recorded the message, so a device that reads its
        // errors sees a twin that already counts them.
        if (work.Errors is { } errors)
        {
            await ReplyAsync(registration, topic, errors, cancellationToken);
        }

        return outcome;
    }

    /// <summary>Marks the device's twin offline when its connection ends.</summary>
    public Task DisconnectedAsync(DeviceRegistration device) =>
        _grains.Twin(device.AssetId).SetConnectionAsync(new ConnectionChange(device.DeviceId, DeviceState.Offline, null, _clock.NowMs));

    /// <summary>The synchronous part: decode into a pooled result and copy out what the awaits need.</summary>
    private PreparedMessage Prepare(string topic, string publisher, DeviceRegistration? registration, in ReadOnlySequence<byte> payload, PublishFlags flags)
    {
        var result = _results.Get();
        try
        {
            var now = _clock.NowMs;
            try
            {
                _validator.Validate(topic, publisher, registration, payload, now, result, flags);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The decoder is fuzzed never to throw; should it still, the device gets a refusal
                // with its PUBACK instead of a dropped connection and a resend loop.
                IngestionLog.DecoderFault(_logger, ex, publisher, topic);
                result.RejectWhole(new ContractError(ErrorCode.MalformedJson, "$", null, "the hub could not read this payload"));
            }
            List<ContractError>? errors = null;
            if (result.HasErrors)
            {
                errors = [.. result.Errors];
                foreach (var error in errors)
                {
                    _metrics.Rejected(error.Code);
                }
            }

            TelemetryBatch? batch = null;
            if (registration is not null && result.Readings.Length > 0)
            {
                batch = Deduplicate(registration, result.Readings, now, errors?.Count ?? 0);
            }

            ConnectionChange? status = result.Status is { } s && registration is not null
                ? new ConnectionChange(registration.DeviceId, s.State, s.Firmware, now)
                : null;
            return new PreparedMessage(batch, status, result.Request, errors, now);
        }
        finally
        {
            _results.Return(result);
        }
    }

    private TelemetryBatch? Deduplicate(DeviceRegistration registration, ReadOnlySpan<Reading> readings, long now, int rejected)
    {
        var isNew = ArrayPool<bool>.Shared.Rent(readings.Length);
        try
        {
            var count = _duplicates.Filter(registration.DeviceId, readings, isNew);
            var duplicates = readings.Length - count;
            if (duplicates > 0)
            {
                _metrics.Duplicates(duplicates);
            }

            var accepted = new Reading[count];
            for (int i = 0, j = 0; i < readings.Length; i++)
            {
                if (isNew[i])
                {
                    accepted[j++] = readings[i];
                }
            }

            return new TelemetryBatch(registration.DeviceId, registration.Kind, now, accepted, duplicates, rejected);
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(isNew);
        }
    }

    private async Task ReplyAsync(DeviceRegistration device, string topic, List<ContractError> errors, CancellationToken cancellationToken)
    {
        var errorsTopic = DeviceTopic.Errors(device.Kind, device.DeviceId);
        foreach (var error in errors)
        {
            IngestionLog.Rejected(_logger, device.DeviceId, topic, error.Code.ToWire(), error.Path, error.Message);
            if (!_errorLimiter.TryAcquire(device.DeviceId))
            {
                _metrics.ReplySuppressed();
                continue;
            }

            try
            {
                await _downlink.PublishAsync(errorsTopic, ErrorReply.ToUtf8(error), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The reply is a courtesy; failing to send it must not fail the message.
                IngestionLog.ReplyFailed(_logger, ex, device.DeviceId);
            }
        }
    }

    private readonly record struct PreparedMessage(TelemetryBatch? Batch, ConnectionChange? Status, PriorityRequest? Request, List<ContractError>? Errors, long ReceivedAtMs)
    {
        public PublishOutcome Outcome()
        {
            if (Errors is not { Count: > 0 } errors || Batch is not null || Status is not null || Request is not null)
            {
                return PublishOutcome.Accepted;
            }

            return errors[0].Code switch
            {
                ErrorCode.UnauthorizedTopic or ErrorCode.UnknownDevice or ErrorCode.WrongKind => PublishOutcome.NotAuthorized,
                ErrorCode.UnsupportedQos => PublishOutcome.UnsupportedQos,
                _ => PublishOutcome.PayloadInvalid,
            };
        }
    }
}
