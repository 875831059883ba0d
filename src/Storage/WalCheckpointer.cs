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
/// </summary>
internal sealed partial class WalCheckpointer : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection _connection;
    private readonly ILogger _logger;
    private readonly ManualResetEventSlim _closing = new();
    private readonly Thread _thread;

    public WalCheckpointer(string connectionString, ILogger logger)
    {
        _logger = logger;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite checkpoints" };
        _thread.Start();
    }

    public void Dispose()
    {
        _closing.Set();
        _thread.Join();
        Checkpoint("TRUNCATE");
        _connection.Dispose();
        _closing.Dispose();
    }

    private void Run()
    {
        while (!_closing.Wait(Interval))
        {
            Checkpoint("PASSIVE");
        }
    }

    private void Checkpoint(string mode)
    {
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_checkpoint({mode});";
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex)
        {
            Log.Failed(_logger, ex, mode);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2, LogLevel.Warning, "SQLite {Mode} checkpoint of the grain storage failed; the write-ahead log keeps the changes and the next checkpoint tries again")]
        public static partial void Failed(ILogger logger, Exception exception, string mode);
    }
}
