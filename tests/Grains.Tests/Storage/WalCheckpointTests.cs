using UrbanTwin.Grains.Abstractions.Devices;
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

    public void Dispose()
    {
        _logged.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
