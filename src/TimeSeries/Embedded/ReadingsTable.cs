using System.Globalization;
using Microsoft.Data.Sqlite;
using UrbanTwin.Contracts;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TimeSeries.Embedded;

/// <summary>
/// The embedded store's one table: one row per reading (kind, asset, time) with a column per
/// field slot, so a re-written point replaces itself as in InfluxDB and a reading costs one insert
/// whatever its number of fields. Field columns are named after their contract slot, never after
/// what a caller passed.
/// </summary>
internal static class ReadingsTable
{
    /// <summary>Replaces the row of the same kind, asset and time.</summary>
    public const string Insert = "INSERT OR REPLACE INTO readings (kind, asset, ts, area, v0, v1, v2, v3, v4, v5, v6, v7) VALUES ($kind, $asset, $ts, $area, $v0, $v1, $v2, $v3, $v4, $v5, $v6, $v7)";

    /// <summary>Creates the table and its area index if the file has none, in WAL mode (readers never wait for the writer).</summary>
    public static void Create(SqliteConnection connection)
    {
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "PRAGMA synchronous=NORMAL;");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS readings (
                kind  INTEGER NOT NULL,
                asset TEXT NOT NULL,
                ts    INTEGER NOT NULL,
                area  TEXT,
                v0 REAL, v1 REAL, v2 REAL, v3 REAL, v4 REAL, v5 REAL, v6 REAL, v7 REAL,
                PRIMARY KEY (kind, asset, ts)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS readings_by_area ON readings (kind, area, ts);
            """);
    }

    /// <summary>The column of a slot.</summary>
    public static string SlotColumn(int slot) => "v" + slot.ToString(CultureInfo.InvariantCulture);

    /// <summary>The column of a field: its contract slot (the name is checked against the catalogue, never pasted).</summary>
    public static string Column(DeviceKind kind, string field) => SlotColumn(SeriesSchema.Field(kind, field).Slot);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
