using Microsoft.Data.Sqlite;

namespace Secretless.Local.Storage;

/// <summary>
/// What one queued write sees: the writer connection, inside the batch's transaction and the
/// item's own savepoint. Valid only during the item's run; never keep it.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite prepares the SQL again for every new <see cref="SqliteCommand"/>, so the
/// commands are cached per SQL text for the life of the writer connection: after the first use a
/// statement is only re-bound and stepped. <see cref="Execute"/> goes further and binds its values
/// directly on SQLite (<see cref="SqliteRawStatement"/>).
/// </remarks>
internal sealed class SqliteWriteContext : IDisposable
{
    // A checkpoint every 4,000 WAL pages (16 MB) instead of 1,000 copies a page that many batches
    // wrote (the random-keyed certificate indexes) back to the database once. SqliteWalCheckpointer
    // copies and syncs most of them beside the writer first, so the one run here is short. Not a
    // larger page cache: SQLite scans the whole cache at every commit (pcache1TruncateUnsafe), so
    // 32 MB cost more CPU than the reads it saved (measured with perf, docs/performance.md).
    private const string WriterPragmas = "PRAGMA wal_autocheckpoint = 4000;";

    // The connection goes back to the pool afterwards: readers get SQLite's default again.
    private const string DefaultPragmas = "PRAGMA wal_autocheckpoint = 1000;";

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    // Null for SQL that is not a single statement: Execute runs it as a command.
    private readonly Dictionary<string, SqliteRawStatement?> _statements = new(StringComparer.Ordinal);

    public SqliteWriteContext(SqliteConnection connection)
    {
        Connection = connection;
        Run(WriterPragmas);
    }

    /// <summary>The writer connection (already in the batch's transaction).</summary>
    public SqliteConnection Connection { get; }

    /// <summary>
    /// The cached, prepared command for <paramref name="sql"/> with its parameters cleared.
    /// Do not dispose it; dispose any reader it returns before the item ends.
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        command = Connection.CreateCommand();
        command.CommandText = sql;
        _commands.Add(sql, command);
        return command;
    }

    /// <summary>Runs <paramref name="sql"/> with the given parameters; returns the rows changed.</summary>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (SqliteRawStatement.CanBind(parameters) && Statement(sql) is { } statement)
        {
            return statement.Execute(parameters);
        }

        var command = Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement?.Dispose();
        }

        _statements.Clear();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        try
        {
            Run(DefaultPragmas);
        }
        catch (Exception exception) when (exception is SqliteException or InvalidOperationException)
        {
            // A broken connection is disposed by the queue right after this; its settings die with it.
        }
    }

    private SqliteRawStatement? Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = SqliteRawStatement.TryPrepare(Connection.Handle!, sql);
            _statements.Add(sql, statement);
        }

        return statement;
    }

    private void Run(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
