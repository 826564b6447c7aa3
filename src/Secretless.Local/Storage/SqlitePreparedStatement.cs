using Microsoft.Data.Sqlite;

namespace Secretless.Local.Storage;

/// <summary>One open read connection with one SELECT prepared on it and its parameters bound by position.</summary>
internal sealed class SqlitePreparedStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    private SqlitePreparedStatement(SqliteConnection connection, string sql, IReadOnlyList<string> parameterNames)
    {
        _connection = connection;
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = new SqliteParameter[parameterNames.Count];
        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i] = _command.Parameters.Add(parameterNames[i], SqliteType.Text);
            _parameters[i].Value = string.Empty;
        }

        _command.Prepare();
    }

    public static SqlitePreparedStatement Open(SqliteDatabase database, string sql, IReadOnlyList<string> parameterNames)
    {
        var connection = database.OpenConnection();
        try
        {
            return new SqlitePreparedStatement(connection, sql, parameterNames);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Binds <paramref name="values"/> in parameter order and reads the first row, if any.</summary>
    public T? ReadFirst<T>(ReadOnlySpan<string> values, Func<SqliteDataReader, T> read)
        where T : class
    {
        if (values.Length != _parameters.Length)
        {
            throw new ArgumentException($"The statement takes {_parameters.Length} values, not {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i];
        }

        using var reader = _command.ExecuteReader();
        return reader.Read() ? read(reader) : null;
    }

    public void Dispose()
    {
        _command.Dispose();
        _connection.Dispose();
    }
}
