using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Secretless.Local.Storage;

/// <summary>
/// A point lookup every provisioning request makes (a device, a ledger record), on connections that
/// stay open with the SELECT already prepared: Microsoft.Data.Sqlite prepares a statement again for
/// every new command, which costs about as much as the lookup itself. A few idle statements are
/// kept (one per concurrent request up to <see cref="MaximumIdle"/>); none holds a read transaction
/// while idle, so WAL checkpoints and writers are never blocked, and every lookup sees the latest
/// commit of any connection or process.
/// </summary>
internal sealed class SqlitePointQuery<T>
    where T : class
{
    private static readonly int MaximumIdle = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly SqliteDatabase _database;
    private readonly string _sql;
    private readonly string[] _parameterNames;
    private readonly Func<SqliteDataReader, T> _read;
    private readonly ConcurrentBag<SqlitePreparedStatement> _idle = [];

    /// <param name="parameterNames">The SQL's parameters (all text), in the order <see cref="Find"/> takes their values.</param>
    public SqlitePointQuery(SqliteDatabase database, string sql, string[] parameterNames, Func<SqliteDataReader, T> read)
    {
        _database = database;
        _sql = sql;
        _parameterNames = parameterNames;
        _read = read;
    }

    /// <summary>The first row for <paramref name="values"/>, or null.</summary>
    public T? Find(params ReadOnlySpan<string> values)
    {
        if (!_idle.TryTake(out var statement))
        {
            statement = SqlitePreparedStatement.Open(_database, _sql, _parameterNames);
        }

        T? row;
        try
        {
            row = statement.ReadFirst(values, _read);
        }
        catch
        {
            // A failed lookup may have left the connection in an unknown state: never reuse it.
            statement.Dispose();
            throw;
        }

        if (_idle.Count < MaximumIdle)
        {
            _idle.Add(statement);
        }
        else
        {
            statement.Dispose();
        }

        return row;
    }
}
