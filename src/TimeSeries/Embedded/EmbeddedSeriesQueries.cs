using System.Text;
using Microsoft.Data.Sqlite;
using UrbanTwin.Contracts;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TimeSeries.Embedded;

/// <summary>
/// The embedded store's history queries, each on a read-only connection of its own (pooled): in
/// WAL mode readers see the last commit and neither wait for the writer nor hold it up, so a long
/// history or CSV query does not stall ingestion, and several queries run at once. Windows are
/// aligned to the Unix epoch and empty ones left out, as the InfluxDB store does, so both answer
/// the same.
/// </summary>
internal sealed class EmbeddedSeriesQueries(string databasePath) : IDisposable
{
    private readonly string _readConnectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();

    public IReadOnlyList<SeriesValue> Raw(DeviceKind kind, string assetId, string field, long fromMs, long toMs)
    {
        var column = ReadingsTable.Column(kind, field);
        return Query(
            $"SELECT ts, {column} FROM readings WHERE kind = $kind AND asset = $key AND ts >= $from AND ts < $to AND {column} IS NOT NULL ORDER BY ts",
            kind,
            assetId,
            fromMs,
            toMs,
            0);
    }

    public IReadOnlyList<SeriesValue> Windows(DeviceKind kind, string key, bool byArea, string field, Aggregate aggregate, long everyMs, long fromMs, long toMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everyMs, 1);
        var value = ReadingsTable.Column(kind, field);
        var by = byArea ? "area" : "asset";
        var where = $"kind = $kind AND {by} = $key AND ts >= $from AND ts < $to AND {value} IS NOT NULL";
        var sql = aggregate switch
        {
            Aggregate.Last => $"SELECT w, {value} FROM (SELECT ts - (ts % $every) AS w, {value}, ROW_NUMBER() OVER (PARTITION BY ts - (ts % $every) ORDER BY ts DESC) AS n FROM readings WHERE {where}) WHERE n = 1 ORDER BY w",
            _ => $"SELECT ts - (ts % $every) AS w, {SqlOf(aggregate)}({value}) FROM readings WHERE {where} GROUP BY w ORDER BY w",
        };
        return Query(sql, kind, key, fromMs, toMs, everyMs);
    }

    public IReadOnlyList<AssetWindow> AssetWindows(DeviceKind kind, string? areaId, IReadOnlyList<FieldAggregate> fields, long everyMs, long fromMs, long toMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everyMs, 1);
        var columns = SeriesSchema.WindowFields(kind, fields);
        var select = new StringBuilder("SELECT asset, area, ts - (ts % $every) AS w");
        var present = new List<string>();
        for (var i = 0; i < columns.Count; i++)
        {
            var column = ReadingsTable.SlotColumn(columns[i].Slot);
            // SUM, not TOTAL: a window with no value of this field (but of another) stays null.
            var function = fields[i].Aggregate == Aggregate.Sum ? "SUM" : SqlOf(fields[i].Aggregate);
            select.Append(", ").Append(function).Append('(').Append(column).Append(')');
            present.Add($"COUNT({column})");
        }

        select.Append(" FROM readings WHERE kind = $kind AND ts >= $from AND ts < $to")
            .Append(areaId is null ? "" : " AND area = $key")
            .Append(" GROUP BY asset, area, w HAVING ").Append(string.Join(" + ", present)).Append(" > 0");
        var rows = Read(connection =>
        {
            var found = new List<AssetWindow>();
            using var command = connection.CreateCommand();
            command.CommandText = select.ToString();
            command.Parameters.AddWithValue("$kind", (int)kind);
            command.Parameters.AddWithValue("$key", (object?)areaId ?? DBNull.Value);
            command.Parameters.AddWithValue("$from", fromMs);
            command.Parameters.AddWithValue("$to", toMs);
            command.Parameters.AddWithValue("$every", everyMs);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var values = new double?[columns.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.IsDBNull(3 + i) ? null : reader.GetDouble(3 + i);
                }

                found.Add(new AssetWindow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2), values));
            }

            return found;
        });

        rows.Sort(AssetWindow.Order);
        return rows;
    }

    /// <summary>Runs a query on a read-only connection of its own (pooled), beside the writer and other queries.</summary>
    public T Read<T>(Func<SqliteConnection, T> query)
    {
        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return query(connection);
    }

    /// <summary>Closes the pooled read connections, so nothing keeps the file open after disposal.</summary>
    public void Dispose()
    {
        using var reads = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(reads);
    }

    private static string SqlOf(Aggregate aggregate) => aggregate switch
    {
        Aggregate.Mean => "AVG",
        Aggregate.Min => "MIN",
        Aggregate.Max => "MAX",
        Aggregate.Count => "COUNT",
        _ => "TOTAL",
    };

    private List<SeriesValue> Query(string sql, DeviceKind kind, string key, long fromMs, long toMs, long everyMs) =>
        Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$kind", (int)kind);
            command.Parameters.AddWithValue("$key", key);
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
        });
}
