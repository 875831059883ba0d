using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.Grains.Twins;

/// <summary>
/// What an accepted telemetry batch changes in a twin before its kind derives anything: the
/// journal position it has applied, its latest values, its history (<see cref="TwinHistory"/>)
/// and its counters. A batch replayed from the journal that the twin has already applied changes
/// nothing but history: its readings may not have reached the time-series store before the crash.
/// </summary>
internal static class TwinIngest
{
    /// <summary>Applies the batch; the slots whose latest value changed (a bit per slot), or null for a replay of a batch already applied.</summary>
    public static async ValueTask<int?> ApplyAsync(ITimeSeriesStore series, string assetId, AssetTwinState twin, TelemetryBatch batch)
    {
        if (batch.Journal is { } position)
        {
            if (twin.TryGetApplied(position.JournalId, out var applied) && position.Lsn <= applied)
            {
                // Written again, not skipped: a point written twice is kept once.
                await TwinHistory.AppendAsync(series, assetId, twin, batch.Readings);
                return null;
            }

            twin.MarkApplied(position.JournalId, position.Lsn);
        }

        var changed = twin.ApplyLatest(batch.Readings);
        await TwinHistory.AppendAsync(series, assetId, twin, batch.Readings);
        twin.Accepted += batch.Readings.Length;
        twin.Duplicates += batch.Duplicates;
        twin.Rejected += batch.Rejected;
        twin.Seen(batch.ReceivedAtMs);
        return changed;
    }
}
