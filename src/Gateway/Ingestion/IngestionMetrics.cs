using System.Diagnostics.Metrics;
using UrbanTwin.Contracts.Errors;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>The gateway's metrics (meter <c>UrbanTwin.Ingestion</c>).</summary>
public sealed class IngestionMetrics
{
    public const string MeterName = "UrbanTwin.Ingestion";

    private readonly Counter<long> _messages;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _suppressedReplies;
    private readonly Histogram<double> _handoff;
    private readonly Counter<long> _handoffRetries;
    private readonly Histogram<double> _priority;

    public IngestionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _messages = meter.CreateCounter<long>("urbantwin.ingest.messages", "{message}", "Device messages received");
        _accepted = meter.CreateCounter<long>("urbantwin.ingest.readings.accepted", "{reading}", "Readings handed to twins");
        _rejected = meter.CreateCounter<long>("urbantwin.ingest.rejections", "{rejection}", "Rejected messages and readings, by contract error code");
        _duplicates = meter.CreateCounter<long>("urbantwin.ingest.readings.duplicates", "{reading}", "QoS 1 re-deliveries dropped");
        _suppressedReplies = meter.CreateCounter<long>("urbantwin.ingest.error_replies.suppressed", "{reply}", "Error replies not sent because of the per-device rate limit");
        _handoff = meter.CreateHistogram<double>("urbantwin.ingest.handoff.duration", "ms", "From a message's turn in its asset's hand-off queue to its twin accepting its readings (includes the journal's fsync)");
        _handoffRetries = meter.CreateCounter<long>("urbantwin.ingest.handoff.retries", "{attempt}", "Failed hand-offs of acknowledged readings to a twin, each tried again (the asset's later messages wait)");
        _priority = meter.CreateHistogram<double>("urbantwin.priority.decision.duration", "ms", "From a bus priority request's arrival to its decision being published");
    }

    public void Message() => _messages.Add(1);

    public void Accepted(int count) => _accepted.Add(count);

    public void Duplicates(int count) => _duplicates.Add(count);

    public void Rejected(ErrorCode code) => _rejected.Add(1, new KeyValuePair<string, object?>("code", code.ToWire()));

    public void ReplySuppressed() => _suppressedReplies.Add(1);

    public void Handoff(TimeSpan elapsed) => _handoff.Record(elapsed.TotalMilliseconds);

    public void HandoffRetried() => _handoffRetries.Add(1);

    public void PriorityDecided(TimeSpan elapsed, bool granted) =>
        _priority.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("decision", granted ? "granted" : "denied"));
}
