using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace UrbanTwin.Storage;

/// <summary>
/// Orleans grain storage in one SQLite file: the single-node default, so registered devices and
/// twin state survive a restart of the host without any server. One row per (state name, grain),
/// the state serialized with the silo's grain-storage serializer, an integer ETag checked on every
/// write (a stale writer gets <see cref="InconsistentStateException"/>). WAL journal. Writes and
/// clears are group-committed: callers queue them and one writer thread commits whatever is queued
/// in a single transaction, so thousands of twins flushing at once cost a few transactions, and no
/// silo thread ever blocks on the disk. The writer does not checkpoint as it commits: a
/// <see cref="WalCheckpointer"/> copies the log into the file beside it, and has the writer finish
/// the job between two commits now and then, so that the log starts again. Reads use a connection of their own (WAL readers never
/// wait for the writer) with a memory-mapped file, so activating grains during a long commit
/// does not queue behind it.
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private const int MaxBatch = 2000;

    /// <summary>Page cache of each connection (SQLite's default is 2 MiB: a big fleet's index pages would be read from the file again and again, and a fold's deletes of rows spread over the table took a millisecond each with 8 MiB).</summary>
    private const int CacheKiB = 64 * 1024;

    /// <summary>How much of the file reads may map instead of copying it through read calls.</summary>
    private const long MapBytes = 1L << 30;

    private readonly SqliteConnection _connection;
    private readonly SqliteConnection _reader;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly Lock _gate = new();
    private readonly Lock _readGate = new();
    private readonly System.Threading.Channels.Channel<PendingWrite> _writes = System.Threading.Channels.Channel.CreateUnbounded<PendingWrite>(new() { SingleReader = true });
    private readonly Task _writer;
    private readonly WalCheckpointer _checkpointer;

    public SqliteGrainStorage(string databasePath, IGrainStorageSerializer serializer, ILogger<SqliteGrainStorage> logger)
    {
        _serializer = serializer;
        _logger = logger;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        Execute(_connection, "PRAGMA journal_mode=WAL;");
        Execute(_connection, "PRAGMA synchronous=NORMAL;");
        WalCheckpointer.SetUpWriter(_connection);
        Execute(_connection, $"PRAGMA cache_size=-{CacheKiB};");
        Execute(_connection, """
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id   TEXT NOT NULL,
                etag       INTEGER NOT NULL,
                payload    BLOB NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            ) WITHOUT ROWID;
            """);
        _reader = new SqliteConnection(connectionString);
        _reader.Open();
        Execute(_reader, $"PRAGMA cache_size=-{CacheKiB};");
        Execute(_reader, $"PRAGMA mmap_size={MapBytes};");
        Log.Opened(_logger, databasePath);
        _checkpointer = new WalCheckpointer(connectionString, logger);
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Task.Run(() => Read(stateName, grainId, grainState));

    private void Read<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_readGate)
        {
            using var command = _reader.CreateCommand();
            command.CommandText = "SELECT etag, payload FROM grain_state WHERE state_name = $state AND grain_id = $grain";
            command.Parameters.AddWithValue("$state", stateName);
            command.Parameters.AddWithValue("$grain", grainId.ToString());
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
                return;
            }

            var etag = reader.GetInt64(0);
            var payload = (byte[])reader.GetValue(1);
            grainState.State = _serializer.Deserialize<T>(new BinaryData(payload));
            grainState.ETag = etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.Serialize(grainState.State).ToArray();
        long? expected = grainState.ETag is null ? null : long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture);
        var version = await Queue(new PendingWrite(stateName, grainId.ToString(), payload, expected));
        grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await Queue(new PendingWrite(stateName, grainId.ToString(), Payload: null, ExpectedVersion: null));
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    public void Dispose()
    {
        _writes.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
        _checkpointer.Dispose();
        lock (_gate)
        {
            _connection.Dispose();
        }

        lock (_readGate)
        {
            _reader.Dispose();
        }
    }

    /// <summary>Hands a write or a clear to the writer thread; completes with the version stored once its transaction has committed.</summary>
    private Task<long> Queue(PendingWrite write) =>
        _writes.Writer.TryWrite(write) ? write.Done.Task : throw new InvalidOperationException("grain storage is closed");

    private void WriteLoop()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (_writes.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            Commit(batch);
            batch.Clear();
            lock (_gate)
            {
                _checkpointer.Committed(_connection);
            }
        }
    }

    /// <summary>Commits a batch in one transaction; each write succeeds or fails on its own ETag.</summary>
    private void Commit(List<PendingWrite> batch)
    {
        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var outcomes = new (long Version, Exception? Error)[batch.Count];
        try
        {
            lock (_gate)
            {
                using var transaction = _connection.BeginTransaction();
                using var insert = _connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO grain_state (state_name, grain_id, etag, payload, updated_at) VALUES ($state, $grain, 1, $payload, $now) ON CONFLICT DO NOTHING";
                using var update = _connection.CreateCommand();
                update.Transaction = transaction;
                update.CommandText = "UPDATE grain_state SET etag = etag + 1, payload = $payload, updated_at = $now WHERE state_name = $state AND grain_id = $grain AND etag = $etag";
                using var delete = _connection.CreateCommand();
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain";
                for (var i = 0; i < batch.Count; i++)
                {
                    var write = batch[i];
                    if (write.Payload is null)
                    {
                        delete.Parameters.Clear();
                        delete.Parameters.AddWithValue("$state", write.StateName);
                        delete.Parameters.AddWithValue("$grain", write.GrainId);
                        delete.ExecuteNonQuery();
                        outcomes[i] = (0, null);
                        continue;
                    }

                    var command = write.ExpectedVersion is null ? insert : update;
                    command.Parameters.Clear();
                    command.Parameters.AddWithValue("$state", write.StateName);
                    command.Parameters.AddWithValue("$grain", write.GrainId);
                    command.Parameters.AddWithValue("$payload", write.Payload);
                    command.Parameters.AddWithValue("$now", now);
                    command.Parameters.AddWithValue("$etag", write.ExpectedVersion ?? 0);
                    outcomes[i] = command.ExecuteNonQuery() == 1
                        ? ((write.ExpectedVersion ?? 0) + 1, null)
                        : (0, new InconsistentStateException($"{write.StateName} of {write.GrainId} was written by someone else (expected version {write.ExpectedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})"));
                }

                transaction.Commit();
            }
        }
        catch (SqliteException ex)
        {
            foreach (var write in batch)
            {
                write.Done.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Error is { } error)
            {
                batch[i].Done.TrySetException(error);
            }
            else
            {
                batch[i].Done.TrySetResult(outcomes[i].Version);
            }
        }
    }

    /// <summary>A write, or with no payload a clear (which does not check the version).</summary>
    private sealed record PendingWrite(string StateName, string GrainId, byte[]? Payload, long? ExpectedVersion)
    {
        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Runs a statement that answers nothing (a pragma, the schema).</summary>
    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Grain state stored in {Path}")]
        public static partial void Opened(ILogger logger, string path);
    }
}
