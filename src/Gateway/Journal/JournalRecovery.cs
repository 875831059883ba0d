using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UrbanTwin.Gateway.Ingestion;

namespace UrbanTwin.Gateway.Journal;

/// <summary>
/// Opens the journal before the broker takes any message: every reading an earlier run
/// acknowledged is remembered by the duplicate filter (a device that missed its PUBACK sends it
/// again), and whatever the twins had not stored is applied to them, in order, once.
/// </summary>
public sealed partial class JournalRecovery(
    IngestionJournal journal,
    JournalCheckpointer checkpointer,
    DuplicateFilter duplicates,
    ILogger<JournalRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var recovered = journal.Open();
        if (recovered.Count == 0)
        {
            return;
        }

        foreach (var entry in recovered)
        {
            foreach (var reading in entry.Batch.Readings)
            {
                duplicates.TryRecord(entry.Batch.DeviceId, reading.Seq, reading.TimestampMs);
            }
        }

        Log.Recovering(logger, recovered.Count, recovered[0].Lsn, recovered[^1].Lsn);
        await checkpointer.CheckpointAsync(cancellationToken);
        Log.Recovered(logger, recovered.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(62, LogLevel.Information, "Journal: checking {Entries} acknowledged messages (LSN {First}-{Last}) into the twins and the time series")]
        public static partial void Recovering(ILogger logger, int entries, long first, long last);

        [LoggerMessage(63, LogLevel.Information, "Journal: {Entries} acknowledged messages are stored")]
        public static partial void Recovered(ILogger logger, int entries);
    }
}
