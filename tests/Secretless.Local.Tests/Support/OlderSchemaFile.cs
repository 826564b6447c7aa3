using Microsoft.Data.Sqlite;
using Secretless.Local.Storage;

namespace Secretless.Local.Tests.Support;

/// <summary>A database file as an older release left it: migrated only up to a given version, then filled.</summary>
internal static class OlderSchemaFile
{
    public static void Create(string path, int version, string sql)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA foreign_keys = ON;");
        SqliteMigrations.Apply(connection, TimeProvider.System, version);
        Execute(connection, sql);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
