using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Gateway.Journal;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Gateway.Tests.Journal;

/// <summary>The journal's file format and life: what is appended is read back whole, a torn tail is not, LSNs never repeat.</summary>
public sealed class IngestionJournalTests : IDisposable
{
    private readonly string _directory = ServerProcess.CreateDirectory("journal");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task Appended_batches_are_read_back_exactly_after_a_reopen()
    {
        var batches = Enumerable.Range(0, 50).Select(i => Batch((uint)i, readings: i % 5 + 1)).ToList();
        await using (var journal = Open(out var recovered))
        {
            Assert.Empty(recovered);
            var lsns = await Task.WhenAll(batches.Select((b, i) => journal.AppendAsync("asset-" + (i % 3), b)));
            Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), lsns.Order());
        }

        await using var reopened = Open(out var entries);
        Assert.Equal(50, entries.Count);
        foreach (var entry in entries)
        {
            var original = batches.Single(b => b.Readings[0].Seq == entry.Batch.Readings[0].Seq);
            Assert.Equal(original.DeviceId, entry.Batch.DeviceId);
            Assert.Equal(original.ReceivedAtMs, entry.Batch.ReceivedAtMs);
            Assert.Equal(original.Readings.Select(Describe), entry.Batch.Readings.Select(Describe));
        }
    }

    [Fact]
    public async Task A_torn_last_record_ends_the_journal_and_what_precedes_it_is_kept()
    {
        await using (var journal = Open(out _))
        {
            await journal.AppendAsync("asset-a", Batch(1));
            await journal.AppendAsync("asset-a", Batch(2));
        }

        var segment = Directory.GetFiles(_directory, "*.journal").Single(f => new FileInfo(f).Length > 0);
        var bytes = await File.ReadAllBytesAsync(segment, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(segment, bytes[..^7], TestContext.Current.CancellationToken);

        await using var reopened = Open(out var entries);
        Assert.Equal([1u], entries.Select(e => e.Batch.Readings[0].Seq));
    }

    [Fact]
    public async Task Lsns_keep_growing_after_every_segment_is_removed_and_the_journal_reopened()
    {
        await using (var journal = Open(out _))
        {
            await journal.AppendAsync("asset-a", Batch(1));
            await journal.AppendAsync("asset-a", Batch(2));
            await journal.CloseActiveSegmentAsync();
            foreach (var segment in journal.ClosedSegments)
            {
                journal.Remove(segment);
            }
        }

        await using var reopened = Open(out var entries);
        Assert.Empty(entries);
        Assert.Equal(3, await reopened.AppendAsync("asset-a", Batch(3)));
    }

    [Fact]
    public async Task A_full_journal_still_lets_the_checkpoint_close_and_remove_segments_and_then_takes_what_waited()
    {
        await using var journal = Open(out _, maxBytes: 4096);
        var seq = 0u;
        while (journal.Bytes < journal.MaxBytes)
        {
            await journal.AppendAsync("asset-a", Batch(++seq));
        }

        var waiting = journal.AppendAsync("asset-a", Batch(++seq));

        // What a checkpoint does: close the active segment, then remove what it has stored.
        await journal.CloseActiveSegmentAsync().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);
        foreach (var segment in journal.ClosedSegments)
        {
            journal.Remove(segment);
        }

        Assert.Equal(seq, await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private IngestionJournal Open(out List<JournalEntry> recovered, long maxBytes = 1L << 30)
    {
        var journal = new IngestionJournal(_directory, new JournalOptions { MaxBytes = maxBytes }, new JournalMetrics(_services.GetRequiredService<IMeterFactory>()), NullLogger<IngestionJournal>.Instance);
        recovered = journal.Open();
        return journal;
    }

    private static TelemetryBatch Batch(uint seq, int readings = 1)
    {
        var items = new Reading[readings];
        for (var i = 0; i < readings; i++)
        {
            var values = default(FieldValues);
            values[0] = seq + (i / 10.0);
            values[3] = -i;
            items[i] = new Reading(seq + (uint)i, 1_557_219_600_000 + (seq * 1000) + i, values, 0b1001);
        }

        return new TelemetryBatch("aq-westminster-01", DeviceKind.AirQuality, 1_557_219_630_000 + seq, items, Duplicates: 1, Rejected: 2);
    }

    private static string Describe(Reading reading) => $"{reading.Seq} {reading.TimestampMs} {reading.PresentMask} {reading[0]} {reading[3]}";
}
