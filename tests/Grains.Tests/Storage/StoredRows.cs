using Microsoft.Data.Sqlite;

namespace UrbanTwin.Grains.Tests.Storage;

/// <summary>What the product's SQLite grain storage holds of one kind of state, read from the file itself.</summary>
internal static class StoredRows
{
    /// <summary>How many rows of changes (<c>{state}+{sequence}</c>) are stored for the state name.</summary>
    public static long ChangeRows(string databasePath, string stateName) =>
        Scalar(databasePath, "SELECT count(*) FROM grain_state WHERE state_name LIKE $prefix", ("$prefix", stateName + "+%"));

    /// <summary>How many times the whole state of the grain has been written (its ETag), 0 when never.</summary>
    public static long WholeWrites(string databasePath, string stateName, string grainKey) =>
        Scalar(databasePath, "SELECT coalesce(max(etag), 0) FROM grain_state WHERE state_name = $state AND grain_id LIKE $grain", ("$state", stateName), ("$grain", "%/" + grainKey));

    private static long Scalar(string databasePath, string sql, params (string Name, string Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)command.ExecuteScalar()!;
    }
}
