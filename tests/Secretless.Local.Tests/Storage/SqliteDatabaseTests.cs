using Microsoft.Data.Sqlite;
using Secretless.Local.Storage;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Storage;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly LocalTestEnvironment _environment = new();

    public void Dispose() => _environment.Dispose();

    [Fact]
    public void Open_FreshFile_CreatesLatestSchemaInWalMode()
    {
        Assert.Equal(_environment.DataDirectory.DatabasePath, _environment.Database.FilePath);
        Assert.Equal(6, _environment.Database.ReadSchemaVersion());
        using var connection = _environment.Database.OpenConnection();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal(2L, Scalar(connection, "PRAGMA synchronous;")); // FULL
        Assert.Equal(1L, Scalar(connection, "PRAGMA foreign_keys;"));
        Assert.Equal(10_000L, Scalar(connection, "PRAGMA busy_timeout;"));
        Assert.Equal(
            8L,
            Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('devices','issuances','certificates','things','policies','policy_attachments','thing_principals','certificate_status_events');"));
    }

    [Fact]
    public void OpenConnection_ReusedFromPool_StillCarriesThePragmas()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var connection = _environment.Database.OpenConnection();
            Assert.Equal(2L, Scalar(connection, "PRAGMA synchronous;"));
            Assert.Equal(10_000L, Scalar(connection, "PRAGMA busy_timeout;"));
            Assert.Equal(1L, Scalar(connection, "PRAGMA foreign_keys;"));
        }
    }

    [Fact]
    public void Open_Again_DoesNotMigrateTwice()
    {
        var reopened = SqliteDatabase.Open(_environment.DataDirectory, _environment.Time);

        using var connection = reopened.OpenConnection();
        Assert.Equal(6L, Scalar(connection, "SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public void Open_DatabaseAtVersion4_DropsTheByCertificateAttachmentIndexAndKeepsTheRows()
    {
        // A version-4 file as the previous release left it: the index exists, version 5 is not recorded.
        using (var connection = _environment.Database.OpenConnection())
        {
            Execute(connection, """
                INSERT INTO policies (name, document, version, created_at, updated_at) VALUES ('line', '{}', 1, 0, 0);
                INSERT INTO certificates (certificate_id, certificate_der, status, subject, issuer, serial, not_after, created_at, updated_at)
                VALUES ('c1', x'00', 1, 'CN=d', 'CN=ca', '01', 0, 0, 0);
                INSERT INTO policy_attachments (policy_name, certificate_id, created_at) VALUES ('line', 'c1', 0);
                CREATE INDEX policy_attachments_by_certificate ON policy_attachments (certificate_id);
                DELETE FROM schema_version WHERE version >= 5;
                """);
        }

        var upgraded = SqliteDatabase.Open(_environment.DataDirectory, _environment.Time);

        Assert.Equal(SqliteMigrations.LatestVersion, upgraded.ReadSchemaVersion());
        using var reopened = upgraded.OpenConnection();
        Assert.Equal(0L, Scalar(reopened, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'policy_attachments_by_certificate';"));
        Assert.Equal(1L, Scalar(reopened, "SELECT COUNT(*) FROM policy_attachments WHERE certificate_id = 'c1';"));
    }

    [Fact]
    public void Open_NormalDurability_SetsSynchronousNormal()
    {
        var database = SqliteDatabase.Open(_environment.DataDirectory, _environment.Time, SqliteDurability.Normal);

        using var connection = database.OpenConnection();
        Assert.Equal(1L, Scalar(connection, "PRAGMA synchronous;"));
    }

    [Fact]
    public void Open_SchemaFromNewerBuild_ThrowsClearError()
    {
        using (var connection = _environment.Database.OpenConnection())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (99, 0);";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidOperationException>(() => SqliteDatabase.Open(_environment.DataDirectory, _environment.Time));
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
