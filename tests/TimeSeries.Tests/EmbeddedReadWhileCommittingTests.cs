using Microsoft.Extensions.Logging.Abstractions;
using UrbanTwin.Contracts;
using UrbanTwin.TestSupport.Servers;
using UrbanTwin.TimeSeries.Embedded;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TimeSeries.Tests;

/// <summary>
/// A query in progress on the embedded store (a large history or CSV export) does not hold up
/// commits: readings appended meanwhile are committed and their flush completes while it reads.
/// </summary>
public sealed class EmbeddedReadWhileCommittingTests : IDisposable
{
    private const long Start = 1_557_219_600_000;
    private readonly string _directory = ServerProcess.CreateDirectory("series");

    [Fact]
    public async Task A_flush_completes_while_a_query_is_still_reading()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = new SqliteTimeSeriesStore(Path.Combine(_directory, "series.db"), NullLogger.Instance);
        await store.InitializeAsync(ct);
        await store.AppendAsync([.. Enumerable.Range(0, 1_000).Select(i => No2Points.Point("aq-westminster-01", Start + (i * 60_000L), i))], ct);
        await store.FlushAsync(ct);

        // The query has read its first row and holds its read open while the new reading is
        // appended and flushed; the flush is bounded so that a stalled commit fails the test.
        var (firstRow, flushedWhileReading) = await Task.Run(
            () => store.Read(connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT ts FROM readings ORDER BY ts";
                using var reader = command.ExecuteReader();
                reader.Read();
                store.AppendAsync([No2Points.Point("aq-marylebone-01", Start, 7.5)], ct).AsTask().Wait(ct);
                return (reader.GetInt64(0), store.FlushAsync(ct).Wait(TimeSpan.FromSeconds(30), ct));
            }),
            ct);

        Assert.Equal(Start, firstRow);
        Assert.True(flushedWhileReading, "the flush did not complete while a query was reading");
        Assert.Equal([new SeriesValue(Start, 7.5)], await store.RawAsync(DeviceKind.AirQuality, "aq-marylebone-01", "no2", Start, Start + 1, ct));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
