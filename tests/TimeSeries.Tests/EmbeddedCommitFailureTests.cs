using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using UrbanTwin.Contracts;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;
using UrbanTwin.TimeSeries.Embedded;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TimeSeries.Tests;

/// <summary>
/// The embedded store's commits fail for a while (another connection makes SQLite refuse every
/// insert into the table): the store says so, holds what waits, and commits it all once SQLite
/// takes inserts again.
/// </summary>
public sealed class EmbeddedCommitFailureTests : IDisposable
{
    private const long Start = 1_557_219_600_000;
    private readonly string _directory = ServerProcess.CreateDirectory("series");

    private string DatabasePath => Path.Combine(_directory, "series.db");

    [Fact]
    public async Task A_refused_commit_is_retried_until_it_succeeds_and_the_waiting_flush_then_completes()
    {
        var ct = TestContext.Current.CancellationToken;
        long counted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "urbantwin.timeseries.embedded.commit.failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        listener.Start();
        using var store = new SqliteTimeSeriesStore(DatabasePath, NullLogger.Instance);
        await store.InitializeAsync(ct);
        using var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        other.Open();
        Execute(other, "CREATE TRIGGER refuse_readings BEFORE INSERT ON readings BEGIN SELECT RAISE(ABORT, 'readings refused for now'); END;");

        await store.AppendAsync([No2Points.Point("aq-westminster-01", Start, 41.5)], ct);
        var flush = store.FlushAsync(ct);
        await store.AppendAsync([No2Points.Point("aq-westminster-01", Start + 60_000, 42.5)], ct);
        var failure = await Eventually.WaitAsync(() => Task.FromResult(store.CommitFailure), f => f is { Attempts: >= 2 }, TimeSpan.FromSeconds(30));
        var flushedWhileFailing = flush.IsCompleted;
        Execute(other, "DROP TRIGGER refuse_readings;");
        await flush.WaitAsync(TimeSpan.FromSeconds(30), ct);
        await store.FlushAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.False(flushedWhileFailing, "a flush completed while its readings could not be committed");
        Assert.Contains("readings refused for now", failure!.Reason, StringComparison.Ordinal);
        Assert.Null(store.CommitFailure);
        Assert.True(Interlocked.Read(ref counted) >= failure.Attempts, "the failed commits were not counted");
        Assert.Equal(
            [new SeriesValue(Start, 41.5), new SeriesValue(Start + 60_000, 42.5)],
            await store.RawAsync(DeviceKind.AirQuality, "aq-westminster-01", "no2", Start, Start + 120_000, ct));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
