using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Abstractions.DigitalTwins;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Grains.Tests.Storage;

/// <summary>
/// The grain storage's writer never stops to checkpoint its write-ahead log: the log is copied
/// into the database file beside it while the node runs, and emptied when the node stops.
/// </summary>
public sealed class WalCheckpointTests : IDisposable
{
    private readonly string _directory = ServerProcess.CreateDirectory("wal-checkpoint");
    private readonly LoggedExceptions _logged = new();

    private string Database => Path.Combine(_directory, "urbantwin.db");

    private long LogBytes() => new FileInfo(Database + "-wal") is { Exists: true } log ? log.Length : 0;

    [Fact]
    public async Task What_the_writer_commits_reaches_the_database_file_while_the_node_runs_and_the_log_is_empty_after_it_stops()
    {
        var partition = DeviceIndex.PartitionKeys[1];
        var devices = EntryLogTests.DevicesIn(partition, 400);
        long empty;
        using (var silo = await TestSilo.StartAsync(Database, _logged))
        {
            var index = silo.Grains().GetGrain<IDeviceIndexGrain>(partition);
            var batches = devices.Chunk(20).ToList();
            await index.UpsertManyAsync(batches[0]);
            empty = new FileInfo(Database).Length;
            foreach (var batch in batches.Skip(1))
            {
                await index.UpsertManyAsync(batch);
            }

            // Far less than SQLite's own checkpoint threshold (1,000 pages): only the checkpointer copies it.
            await Eventually.WaitAsync(() => Task.FromResult(new FileInfo(Database).Length), length => length > empty, TimeSpan.FromSeconds(10));
            await silo.StopAsync(TestContext.Current.CancellationToken);
        }

        var log = new FileInfo(Database + "-wal");
        Assert.True(!log.Exists || log.Length == 0, $"the write-ahead log holds {(log.Exists ? log.Length : 0)} bytes after the node stopped");
        Assert.False(_logged.Mention("SqliteException"), "a checkpoint failed");
    }

    [Fact]
    public async Task Under_a_steady_stream_of_writes_the_log_starts_again_instead_of_growing_without_end()
    {
        // Eight writers that never pause, each storing twins of 3 KB one after the other: without
        // a pause between commits, a checkpoint beside the writer never finds the whole log
        // copied, and this stream alone writes several hundred megabytes of log.
        const int Writers = 8, PerWriter = 3000;
        var padding = new string('x', 3000);
        using var silo = await TestSilo.StartAsync(Database, _logged);
        var largest = 0L;
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                largest = Math.Max(largest, LogBytes());
                await Task.Delay(50, CancellationToken.None);
            }
        }, TestContext.Current.CancellationToken);

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var shard = silo.Grains().GetGrain<IGraphShardGrain>($"wal-{w}");
            for (var i = 0; i < PerWriter; i++)
            {
                var id = $"twin-{i % 500}";
                var entry = new GraphEntry(id, $"e{i}", id, null, null, null, $$"""{"$dtId":"{{id}}","note":"{{padding}}"}""", null);
                await shard.WriteAsync(new GraphWrite(id, entry, null, IfNoneMatch: false));
            }
        }, TestContext.Current.CancellationToken)));
        await watching.CancelAsync();
        await watcher;

        // The log's file is cut back to 64 MiB whenever the log starts again; between two starts
        // it grows by what is written while a checkpoint catches up.
        var bound = (64L << 20) + (32L << 20);
        Assert.True(largest < bound, $"the write-ahead log reached {largest >> 20} MiB");
        Assert.False(_logged.Mention("SqliteException"), "a checkpoint failed");
    }

    public void Dispose()
    {
        _logged.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
