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
/// write (a stale writer gets <see cref="InconsistentStateException"/>). WAL journal, so reads
/// never wait for writes; writes are serialized on one connection, which is what SQLite does anyway.
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly Lock _gate = new();

    public SqliteGrainStorage(string databasePath, IGrainStorageSerializer serializer, ILogger<SqliteGrainStorage> logger)
    {
        _serializer = serializer;
        _logger = logger;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id   TEXT NOT NULL,
                etag       INTEGER NOT NULL,
                payload    BLOB NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            ) WITHOUT ROWID;
            """);
        Log.Opened(_logger, databasePath);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT etag, payload FROM grain_state WHERE state_name = $state AND grain_id = $grain";
            command.Parameters.AddWithValue("$state", stateName);
            command.Parameters.AddWithValue("$grain", grainId.ToString());
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
                return Task.CompletedTask;
            }

            var etag = reader.GetInt64(0);
            var payload = (byte[])reader.GetValue(1);
            grainState.State = _serializer.Deserialize<T>(new BinaryData(payload));
            grainState.ETag = etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.Serialize(grainState.State).ToArray();
        lock (_gate)
        {
            var expected = grainState.ETag is null ? 0L : long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture);
            using var command = _connection.CreateCommand();
            command.CommandText = grainState.ETag is null
                ? "INSERT INTO grain_state (state_name, grain_id, etag, payload, updated_at) VALUES ($state, $grain, 1, $payload, $now) ON CONFLICT DO NOTHING"
                : "UPDATE grain_state SET etag = etag + 1, payload = $payload, updated_at = $now WHERE state_name = $state AND grain_id = $grain AND etag = $etag";
            command.Parameters.AddWithValue("$state", stateName);
            command.Parameters.AddWithValue("$grain", grainId.ToString());
            command.Parameters.AddWithValue("$payload", payload);
            command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$etag", expected);
            if (command.ExecuteNonQuery() != 1)
            {
                throw new InconsistentStateException($"{stateName} of {grainId} was written by someone else (expected version {grainState.ETag ?? "none"})");
            }

            grainState.ETag = (expected + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain";
            command.Parameters.AddWithValue("$state", stateName);
            command.Parameters.AddWithValue("$grain", grainId.ToString());
            command.ExecuteNonQuery();
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = Activator.CreateInstance<T>();
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Grain state stored in {Path}")]
        public static partial void Opened(ILogger logger, string path);
    }
}
