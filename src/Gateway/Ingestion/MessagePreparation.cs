using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ObjectPool;
using UrbanTwin.Contracts.Decoding;
using UrbanTwin.Contracts.Errors;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.BusPriority;
using UrbanTwin.Grains.Abstractions.Twins;
using ErrorCode = UrbanTwin.Contracts.Errors.ErrorCode;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>
/// The synchronous part of ingesting a message, before any await: validate and decode it into a
/// pooled result, drop the readings already seen, count the rejections, and copy out what the
/// hand-off needs (<see cref="PreparedMessage"/>).
/// </summary>
internal sealed class MessagePreparation(DeviceMessageValidator validator, DuplicateFilter duplicates, IngestionMetrics metrics, IngestionClock clock, ILogger logger)
{
    private readonly ObjectPool<DecodeResult> _results = new DefaultObjectPool<DecodeResult>(new DefaultPooledObjectPolicy<DecodeResult>(), 64);

    /// <summary>
    /// Prepares a message. <paramref name="parsed"/> is its topic when the broker already parsed
    /// it (so a message's topic is read once); otherwise <paramref name="topic"/> is parsed here.
    /// </summary>
    public PreparedMessage Prepare(string topic, DeviceTopic? parsed, string publisher, DeviceRegistration? registration, in ReadOnlySequence<byte> payload, PublishFlags flags)
    {
        var result = _results.Get();
        try
        {
            var now = clock.NowMs;
            try
            {
                if (parsed is { } known)
                {
                    validator.Validate(known, publisher, registration, payload, now, result, flags);
                }
                else
                {
                    validator.Validate(topic, publisher, registration, payload, now, result, flags);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The decoder is fuzzed never to throw; should it still, the device gets a refusal
                // with its PUBACK instead of a dropped connection and a resend loop.
                IngestionLog.DecoderFault(logger, ex, publisher, topic);
                result.RejectWhole(new ContractError(ErrorCode.MalformedJson, "$", null, "the hub could not read this payload"));
            }

            List<ContractError>? errors = null;
            if (result.HasErrors)
            {
                errors = [.. result.Errors];
                foreach (var error in errors)
                {
                    metrics.Rejected(error.Code);
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

    private TelemetryBatch Deduplicate(DeviceRegistration registration, ReadOnlySpan<Reading> readings, long now, int rejected)
    {
        var isNew = ArrayPool<bool>.Shared.Rent(readings.Length);
        try
        {
            var count = duplicates.Filter(registration.DeviceId, readings, isNew);
            var dropped = readings.Length - count;
            if (dropped > 0)
            {
                metrics.Duplicates(dropped);
            }

            var accepted = new Reading[count];
            for (int i = 0, j = 0; i < readings.Length; i++)
            {
                if (isNew[i])
                {
                    accepted[j++] = readings[i];
                }
            }

            return new TelemetryBatch(registration.DeviceId, registration.Kind, now, accepted, dropped, rejected);
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(isNew);
        }
    }
}

/// <summary>What the awaits of a message's hand-off need, copied out of the pooled decode result.</summary>
internal readonly record struct PreparedMessage(TelemetryBatch? Batch, ConnectionChange? Status, PriorityRequest? Request, List<ContractError>? Errors, long ReceivedAtMs)
{
    /// <summary>What the broker answers: accepted unless every part of the message was refused.</summary>
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
