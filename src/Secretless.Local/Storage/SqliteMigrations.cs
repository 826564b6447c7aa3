using Microsoft.Data.Sqlite;

namespace Secretless.Local.Storage;

/// <summary>
/// Forward-only schema migrations, applied in one IMMEDIATE transaction so two processes
/// opening a fresh database at once do not both migrate it.
/// </summary>
internal static class SqliteMigrations
{
    /// <summary>Migration n (1-based) brings the schema from version n-1 to n.</summary>
    private static readonly string[] Steps =
    [
        SqliteSchemaV1.Sql,
        SqliteSchemaV2.Sql,
        SqliteSchemaV3.Sql,
        SqliteSchemaV4.Sql,
        SqliteSchemaV5.Sql,
        SqliteSchemaV6.Sql,
        SqliteSchemaV7.Sql,
    ];

    public static int LatestVersion => Steps.Length;

    public static void Apply(SqliteConnection connection, TimeProvider timeProvider) => Apply(connection, timeProvider, LatestVersion);

    /// <summary>Migrates up to <paramref name="targetVersion"/> only (tests build the files older releases left).</summary>
    internal static void Apply(SqliteConnection connection, TimeProvider timeProvider, int targetVersion)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetVersion);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetVersion, LatestVersion);
        // journal_mode is stored in the file and cannot change inside a transaction.
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at INTEGER NOT NULL);";
            create.ExecuteNonQuery();
        }

        var current = ReadVersion(connection, transaction);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database is at schema version {current}, newer than this build understands ({LatestVersion}). Use a newer secretless.");
        }

        for (var version = current + 1; version <= targetVersion; version++)
        {
            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = Steps[version - 1];
            step.ExecuteNonQuery();

            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $at);";
            record.Parameters.AddWithValue("$version", version);
            record.Parameters.AddWithValue("$at", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
