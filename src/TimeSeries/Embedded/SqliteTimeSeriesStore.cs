using Microsoft.Data.Sqlite;
using UrbanTwin.Contracts;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TimeSeries.Embedded;

/// <summary>
/// The time series for the single-node default, in one SQLite file under the data directory:
/// one row per (kind, asset, field, time), so a re-written point replaces itself as in InfluxDB.
/// Appends are committed in one transaction per call; windows are aligned to the Unix epoch and
/// empty ones left out, as the InfluxDB store does, so both answer the same.
/// </summary>
public sealed class SqliteTimeSeriesStore : ITimeSeriesStore, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public SqliteTimeSeriesStore(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        _connection.Open();
    }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Execute("PRAGMA journal_mode=WAL;");
            Execute("PRAGMA synchronous=NORMAL;");
            Execute("""
                CREATE TABLE IF NOT EXISTS points (
                    kind  INTEGER NOT NULL,
                    asset TEXT NOT NULL,
                    area  TEXT,
                    field TEXT NOT NULL,
                    ts    INTEGER NOT NULL,
                    value REAL NOT NULL,
                    PRIMARY KEY (kind, asset, field, ts)
                ) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS points_by_area ON points (kind, area, field, ts);
                """);
        }

        return Task.CompletedTask;
    }

    public ValueTask AppendAsync(IReadOnlyList<SeriesPoint> points, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR REPLACE INTO points (kind, asset, area, field, ts, value) VALUES ($kind, $asset, $area, $field, $ts, $value)";
            var kind = insert.Parameters.Add("$kind", SqliteType.Integer);
            var asset = insert.Parameters.Add("$asset", SqliteType.Text);
            var area = insert.Parameters.Add("$area", SqliteType.Text);
            var field = insert.Parameters.Add("$field", SqliteType.Text);
            var ts = insert.Parameters.Add("$ts", SqliteType.Integer);
            var value = insert.Parameters.Add("$value", SqliteType.Real);
            foreach (var point in points)
            {
                foreach (var f in SeriesSchema.FieldsOf(point.Kind))
                {
                    if (point.Reading.TryGet(f.Slot, out var v))
                    {
                        kind.Value = (int)point.Kind;
                        asset.Value = point.AssetId;
                        area.Value = (object?)point.AreaId ?? DBNull.Value;
                        field.Value = f.Name;
                        ts.Value = point.Reading.TimestampMs;
                        value.Value = v;
                        insert.ExecuteNonQuery();
                    }
                }
            }

            transaction.Commit();
        }

        return ValueTask.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<SeriesValue>> RawAsync(DeviceKind kind, string assetId, string field, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        var f = SeriesSchema.Field(kind, field).Name;
        return Task.FromResult<IReadOnlyList<SeriesValue>>(Query(
            "SELECT ts, value FROM points WHERE kind = $kind AND asset = $key AND field = $field AND ts >= $from AND ts < $to ORDER BY ts",
            kind,
            assetId,
            f,
            fromMs,
            toMs,
            0));
    }

    public Task<IReadOnlyList<SeriesValue>> AggregateAsync(DeviceKind kind, string key, bool byArea, string field, Aggregate aggregate, long everyMs, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everyMs, 1);
        var f = SeriesSchema.Field(kind, field).Name;
        var column = byArea ? "area" : "asset";
        var where = $"kind = $kind AND {column} = $key AND field = $field AND ts >= $from AND ts < $to";
        var sql = aggregate switch
        {
            Aggregate.Last => $"SELECT w, value FROM (SELECT ts - (ts % $every) AS w, value, ROW_NUMBER() OVER (PARTITION BY ts - (ts % $every) ORDER BY ts DESC) AS n FROM points WHERE {where}) WHERE n = 1 ORDER BY w",
            _ => $"SELECT ts - (ts % $every) AS w, {SqlOf(aggregate)}(value) FROM points WHERE {where} GROUP BY w ORDER BY w",
        };
        return Task.FromResult<IReadOnlyList<SeriesValue>>(Query(sql, kind, key, f, fromMs, toMs, everyMs));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private static string SqlOf(Aggregate aggregate) => aggregate switch
    {
        Aggregate.Mean => "AVG",
        Aggregate.Min => "MIN",
        Aggregate.Max => "MAX",
        Aggregate.Count => "COUNT",
        _ => "TOTAL",
    };

    private List<SeriesValue> Query(string sql, DeviceKind kind, string key, string field, long fromMs, long toMs, long everyMs)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$kind", (int)kind);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$field", field);
            command.Parameters.AddWithValue("$from", fromMs);
            command.Parameters.AddWithValue("$to", toMs);
            command.Parameters.AddWithValue("$every", everyMs);
            using var reader = command.ExecuteReader();
            var values = new List<SeriesValue>();
            while (reader.Read())
            {
                values.Add(new SeriesValue(reader.GetInt64(0), reader.GetDouble(1)));
            }

            return values;
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
