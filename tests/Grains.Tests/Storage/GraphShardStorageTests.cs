using UrbanTwin.Grains.Abstractions.DigitalTwins;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Grains.Tests.Storage;

/// <summary>
/// A twin-graph shard stores each write as a row of changes before answering it, and writes itself
/// whole (folds) beside the writes. A second silo opened on the same file while the first still
/// runs reads what a crash of the first would leave.
/// </summary>
public sealed class GraphShardStorageTests : IDisposable
{
    private const string Shard = "07";

    private readonly string _directory = ServerProcess.CreateDirectory("graph-shard");
    private readonly LoggedExceptions _logged = new();

    private string Database => Path.Combine(_directory, "urbantwin.db");

    [Fact]
    public async Task A_shard_of_hundreds_of_rows_is_read_back_whole_with_its_replacements_and_removals()
    {
        // Under the fold's threshold: every write stays a row, so activation reads all of them.
        var twins = Enumerable.Range(0, 200).Select(i => Twin(i, "v1")).ToList();
        using var first = await TestSilo.StartAsync(Database, _logged);
        var shard = first.Grains().GetGrain<IGraphShardGrain>(Shard);
        foreach (var twin in twins)
        {
            Assert.Equal(GraphWriteOutcome.Written, (await shard.WriteAsync(new GraphWrite(twin.Key, twin, null, IfNoneMatch: true))).Outcome);
        }

        for (var i = 0; i < 20; i++)
        {
            twins[i] = Twin(i, "v2");
            Assert.Equal(GraphWriteOutcome.Written, (await shard.WriteAsync(new GraphWrite(twins[i].Key, twins[i], "v1-" + i, IfNoneMatch: false))).Outcome);
        }

        foreach (var removed in twins.Skip(190).ToList())
        {
            Assert.Equal(GraphWriteOutcome.Written, (await shard.WriteAsync(new GraphWrite(removed.Key, null, null, IfNoneMatch: false))).Outcome);
            twins.Remove(removed);
        }

        Assert.Equal(230, StoredRows.ChangeRows(Database, "graph"));
        Assert.Equal(0, StoredRows.WholeWrites(Database, "graph", Shard));

        using var second = await TestSilo.StartAsync(Database, _logged);
        await AssertHoldsAsync(second.Grains().GetGrain<IGraphShardGrain>(Shard), twins, absent: ["twin-0195"]);
    }

    [Fact]
    public async Task A_shard_written_whole_deletes_the_rows_it_holds_and_is_read_back_whole()
    {
        var twins = Enumerable.Range(0, 700).Select(i => Twin(i, "v1")).ToList();
        using var first = await TestSilo.StartAsync(Database, _logged);
        var shard = first.Grains().GetGrain<IGraphShardGrain>(Shard);
        foreach (var twin in twins)
        {
            Assert.Equal(GraphWriteOutcome.Written, (await shard.WriteAsync(new GraphWrite(twin.Key, twin, null, IfNoneMatch: true))).Outcome);
        }

        await Eventually.WaitAsync(() => Task.FromResult(StoredRows.WholeWrites(Database, "graph", Shard)), writes => writes >= 1, TimeSpan.FromSeconds(30));
        await Eventually.WaitAsync(() => Task.FromResult(StoredRows.ChangeRows(Database, "graph")), rows => rows < 700 - EntryLog<GraphEntry>.FewestEntriesToFold, TimeSpan.FromSeconds(30));

        using var second = await TestSilo.StartAsync(Database, _logged);
        await AssertHoldsAsync(second.Grains().GetGrain<IGraphShardGrain>(Shard), twins, absent: []);
    }

    [Fact]
    public async Task A_shard_that_cannot_be_written_whole_keeps_its_rows_and_loses_no_answered_write()
    {
        using var first = await TestSilo.StartAsync(Database, _logged);
        var shard = first.Grains().GetGrain<IGraphShardGrain>(Shard);
        var seed = Twin(9999, "v1");
        await shard.WriteAsync(new GraphWrite(seed.Key, seed, null, IfNoneMatch: true));

        // Whole writes of the shard are refused; its rows of changes are not.
        var answered = new List<GraphEntry> { seed };
        var failed = 0;
        using (SqliteWriteFault.Inject(Database, "graph"))
        {
            foreach (var twin in Enumerable.Range(0, 600).Select(i => Twin(i, "v1")))
            {
                try
                {
                    await shard.WriteAsync(new GraphWrite(twin.Key, twin, null, IfNoneMatch: true));
                    answered.Add(twin);
                }
                catch (Exception ex) when (ex.ToString().Contains(SqliteWriteFault.Message, StringComparison.Ordinal))
                {
                    // A row committed in the same transaction as a refused whole write fails with it.
                    failed++;
                }
            }

            await Eventually.WaitAsync(() => Task.FromResult(_logged.Mention(SqliteWriteFault.Message)), logged => logged, TimeSpan.FromSeconds(30));
        }

        // Each failed fold waits for more rows before the next try, so few writes shared its fate.
        Assert.InRange(failed, 0, 4);
        Assert.Equal(0, StoredRows.WholeWrites(Database, "graph", Shard));
        Assert.True(StoredRows.ChangeRows(Database, "graph") >= answered.Count);

        using var second = await TestSilo.StartAsync(Database, _logged);
        await AssertHoldsAsync(second.Grains().GetGrain<IGraphShardGrain>(Shard), answered, absent: []);
    }

    public void Dispose()
    {
        _logged.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static GraphEntry Twin(int i, string version) =>
        new($"twin-{i:D4}", $"{version}-{i}", $"twin-{i:D4}", null, null, null, $$"""{"$dtId":"twin-{{i:D4}}","name":"Twin {{i}} {{version}}"}""", "E09000033");

    private static async Task AssertHoldsAsync(IGraphShardGrain shard, IReadOnlyList<GraphEntry> expected, IReadOnlyList<string> absent)
    {
        foreach (var twin in expected)
        {
            Assert.Equal(twin, await shard.GetAsync(twin.Key));
        }

        foreach (var key in absent)
        {
            Assert.Null(await shard.GetAsync(key));
        }
    }
}
