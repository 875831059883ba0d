using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace UrbanTwin.Storage;

/// <summary>
/// Copies an SQLite database's write-ahead log back into the database file every
/// <see cref="Interval"/>, on a connection and a thread of its own, without waiting for readers or
/// the writer (a passive checkpoint), so that the writer, whose own checkpoints are switched off,
/// never stops committing to copy pages and sync the file. The log is as durable as the file: what
/// a commit wrote survives a crash whether or not it was copied yet. At close, one last checkpoint
/// empties the log.
/// <para>
/// A passive checkpoint never empties the log while writes go on: it copies what was committed
/// when it began, and the writer commits more meanwhile; SQLite starts the log again from its
/// beginning only when a write finds every frame copied. Under a steady stream of writes the log
/// grew without end (4 GB in a minute of twin patches). So once the log holds
/// <see cref="RestartFrames"/> frames, a checkpoint here asks the writer for a last one
/// (<see cref="Committed"/>): between two of its commits, where no frame can be added, it copies
/// the few frames written since this one, and its next commit starts the log again. The writer
/// also wakes this thread whenever it has written as many frames since the last checkpoint
/// (<see cref="Committed"/> too): a stream of patches writes a hundred megabytes of log a second.
/// </para>
/// </summary>
internal sealed partial class WalCheckpointer : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Frames (a page each, 4 KiB) in the log from which the writer is asked to let it start again.</summary>
    public const int RestartFrames = 4096;

    /// <summary>What is kept of the log's file when the log starts again (the rest is given back to the disk).</summary>
    private const long LogBytesKept = 64L << 20;

    /// <summary>How long the writer's last checkpoint waits for readers still on the log's frames (the writer never waits for a lock otherwise: it is the only one).</summary>
    private static readonly TimeSpan FinishWait = TimeSpan.FromSeconds(1);

    /// <summary>The writer is asked to finish the log once a pass here has copied fewer frames than this (what the writer then copies, while it cannot commit, is about as much).</summary>
    private const int HandOverFrames = 512;

    /// <summary>Passes in a row before the writer is asked anyway (writes faster than a pass copies never leave a short rest).</summary>
    private const int MostPasses = 6;

    private readonly SqliteConnection _connection;
    private readonly ILogger _logger;
    private readonly ManualResetEventSlim _closing = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private volatile bool _restartWanted;

    /// <summary>Frames the writer has written since it last woke this thread (the writer's thread only).</summary>
    private long _framesSinceWake;

    /// <summary>The frames copied by the last checkpoint, counted from the log's start (fewer after the log started again).</summary>
    private long _checkpointed;

    public WalCheckpointer(string connectionString, ILogger logger)
    {
        _logger = logger;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite checkpoints" };
        _thread.Start();
    }

    /// <summary>Sets up the writer's connection: no checkpoints of its own as it commits, and what it keeps of the log's file.</summary>
    public static void SetUpWriter(SqliteConnection writer)
    {
        SqliteGrainStorage.Execute(writer, "PRAGMA wal_autocheckpoint=0;");
        SqliteGrainStorage.Execute(writer, $"PRAGMA journal_size_limit={LogBytesKept};");
        SqliteGrainStorage.Execute(writer, $"PRAGMA busy_timeout={(int)FinishWait.TotalMilliseconds};");
    }

    /// <summary>
    /// Called by the writer after each commit, on its connection: wakes this thread once the writer
    /// has written <see cref="RestartFrames"/> frames since it last did, and when asked copies the
    /// rest of the log into the file (where no frame can be added, between two commits), so that
    /// the next commit starts the log again from its beginning and cuts its file back to
    /// <see cref="LogBytesKept"/>.
    /// </summary>
    public void Committed(SqliteConnection writer)
    {
        if (_restartWanted)
        {
            FinishOn(writer);
            _restartWanted = false;
        }
        else if ((_framesSinceWake += FramesWrittenBy(writer)) >= RestartFrames)
        {
            _framesSinceWake = 0;
            _wake.Set();
        }
    }

    public void Dispose()
    {
        _closing.Set();
        _thread.Join();
        Checkpoint("TRUNCATE");
        _connection.Dispose();
        _closing.Dispose();
        _wake.Dispose();
    }

    /// <summary>Pages the connection has written to the log since the last call (SQLite counts them per connection).</summary>
    private static long FramesWrittenBy(SqliteConnection writer) =>
        SQLitePCL.raw.sqlite3_db_status(writer.Handle, SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_WRITE, out var written, out _, 1) == SQLitePCL.raw.SQLITE_OK ? written : 0;

    private void FinishOn(SqliteConnection writer)
    {
        try
        {
            // RESTART also waits (up to the busy timeout) for readers still on the log's frames,
            // so that the next commit can start it again.
            using var command = writer.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(RESTART);";
            using var result = command.ExecuteReader();
            if (result.Read() && result.GetInt64(0) != 0)
            {
                Log.FinishBusy(_logger, result.GetInt64(1));
            }
        }
        catch (SqliteException ex)
        {
            Log.FinishFailed(_logger, ex);
        }
    }

    private void Run()
    {
        WaitHandle[] events = [_closing.WaitHandle, _wake];
        while (WaitHandle.WaitAny(events, Interval) != 0)
        {
            if (_restartWanted)
            {
                // The writer finishes this log between two of its commits; a pass here would only
                // contend with it.
                continue;
            }

            // Pass after pass while each has much to copy (what was written during the one
            // before), so that what is left for the writer is short.
            for (var pass = 1; Checkpoint("PASSIVE") is var (log, copied) && !_closing.IsSet; pass++)
            {
                if (copied >= HandOverFrames && pass < MostPasses)
                {
                    continue;
                }

                _restartWanted = log >= RestartFrames;
                break;
            }
        }
    }

    /// <summary>Runs a checkpoint: the frames the log holds, and how many of them this checkpoint copied (both 0 if it failed).</summary>
    private (long Log, long Copied) Checkpoint(string mode)
    {
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_checkpoint({mode});";
            using var result = command.ExecuteReader();
            if (!result.Read())
            {
                return (0, 0);
            }

            var (log, checkpointed) = (result.GetInt64(1), result.GetInt64(2));
            var copied = checkpointed >= _checkpointed ? checkpointed - _checkpointed : checkpointed;
            _checkpointed = checkpointed;
            return (log, copied);
        }
        catch (SqliteException ex)
        {
            Log.Failed(_logger, ex, mode);
            return (0, 0);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2, LogLevel.Warning, "SQLite {Mode} checkpoint of the grain storage failed; the write-ahead log keeps the changes and the next checkpoint tries again")]
        public static partial void Failed(ILogger logger, Exception exception, string mode);

        [LoggerMessage(3, LogLevel.Warning, "The grain storage's writer could not checkpoint the rest of its write-ahead log; the log keeps growing until a later checkpoint succeeds")]
        public static partial void FinishFailed(ILogger logger, Exception exception);

        [LoggerMessage(4, LogLevel.Warning, "Readers kept the grain storage's write-ahead log ({Frames} frames) from starting again; the writer tries again after the next checkpoint")]
        public static partial void FinishBusy(ILogger logger, long frames);
    }
}
