using Microsoft.Data.Sqlite;

namespace UrbanTwin.Grains.Tests.Storage;

/// <summary>
/// Makes the product's SQLite grain storage refuse to write one kind of grain state until
/// disposed, as a failing disk would: triggers on its table abort the statement, so the storage's
/// group commit fails and every write in it gets the <see cref="SqliteException"/>. The real
/// storage fails for real; nothing in the silo is replaced.
/// </summary>
internal sealed class SqliteWriteFault : IDisposable
{
    /// <summary>What the refused writes fail with, to find them in the log.</summary>
    public const string Message = "injected write fault";

    private readonly string _databasePath;

    private SqliteWriteFault(string databasePath) => _databasePath = databasePath;

    /// <summary>Refuses writes of the state named <paramref name="stateName"/> (the grain's <c>[PersistentState]</c> name); the storage must have created its table.</summary>
    public static SqliteWriteFault Inject(string databasePath, string stateName)
    {
        if (!stateName.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("a state name of letters and digits", nameof(stateName));
        }

        var fault = new SqliteWriteFault(databasePath);
        fault.Execute($"""
            CREATE TRIGGER write_fault_insert BEFORE INSERT ON grain_state WHEN NEW.state_name = '{stateName}'
            BEGIN SELECT RAISE(ABORT, '{Message}'); END;
            CREATE TRIGGER write_fault_update BEFORE UPDATE ON grain_state WHEN NEW.state_name = '{stateName}'
            BEGIN SELECT RAISE(ABORT, '{Message}'); END;
            """);
        return fault;
    }

    public void Dispose() => Execute("DROP TRIGGER write_fault_insert; DROP TRIGGER write_fault_update;");

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _databasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
