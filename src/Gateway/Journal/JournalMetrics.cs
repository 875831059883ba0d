using System.Diagnostics.Metrics;
using UrbanTwin.Gateway.Ingestion;

namespace UrbanTwin.Gateway.Journal;

/// <summary>The journal's metrics (meter <c>UrbanTwin.Ingestion</c>).</summary>
public sealed class JournalMetrics
{
    private readonly Meter _meter;
    private readonly Histogram<int> _commitEntries;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _commitFailures;
    private readonly Counter<long> _full;
    private readonly Counter<long> _replayed;

    public JournalMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(IngestionMetrics.MeterName);
        _commitEntries = _meter.CreateHistogram<int>("urbantwin.journal.commit.entries", "{message}", "Device messages made durable by one fsync (group commit)");
        _commitDuration = _meter.CreateHistogram<double>("urbantwin.journal.commit.duration", "ms", "Time to write and fsync one group commit");
        _commitFailures = _meter.CreateCounter<long>("urbantwin.journal.commit.failures", "{commit}", "Group commits that could not be written; their messages were not acknowledged");
        _full = _meter.CreateCounter<long>("urbantwin.journal.full", "{wait}", "Times the journal was full and new readings waited for a checkpoint");
        _replayed = _meter.CreateCounter<long>("urbantwin.journal.replayed", "{message}", "Journal entries a twin had not stored, applied again at start or after a node loss");
    }

    public void Observe(IngestionJournal journal) =>
        _meter.CreateObservableGauge("urbantwin.journal.bytes", () => journal.Bytes, "By", "Bytes of acknowledged readings in the journal not yet checked into the stores");

    public void Committed(int entries, TimeSpan elapsed)
    {
        _commitEntries.Record(entries);
        _commitDuration.Record(elapsed.TotalMilliseconds);
    }

    public void CommitFailed() => _commitFailures.Add(1);

    public void Full() => _full.Add(1);

    public void Replayed(int entries) => _replayed.Add(entries);
}
