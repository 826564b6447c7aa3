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
        Assert.Equal(7, _environment.Database.ReadSchemaVersion());
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
        Assert.Equal(7L, Scalar(connection, "SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public void Open_DatabaseAtVersion4_DropsTheByCertificateAttachmentIndexAndKeepsTheRows()
    {
        var path = Path.Combine(_environment.Temporary.Path, "v4", "secretless.db");
        OlderSchemaFile.Create(path, 4, """
            INSERT INTO policies (name, document, version, created_at, updated_at) VALUES ('line', '{}', 1, 0, 0);
            INSERT INTO certificates (certificate_id, certificate_der, status, subject, issuer, serial, not_after, created_at, updated_at)
            VALUES ('c1', x'00', 1, 'CN=d', 'CN=ca', '01', 0, 0, 0);
            INSERT INTO policy_attachments (policy_name, certificate_id, created_at) VALUES ('line', 'c1', 0);
            """);

        var upgraded = SqliteDatabase.Open(path, _environment.Time);

        Assert.Equal(SqliteMigrations.LatestVersion, upgraded.ReadSchemaVersion());
        using var reopened = upgraded.OpenConnection();
        Assert.Equal(0L, Scalar(reopened, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'policy_attachments_by_certificate';"));
        Assert.Equal(1L, Scalar(reopened, "SELECT COUNT(*) FROM policy_attachments a JOIN certificates c USING (certificate_key) WHERE c.certificate_id = 'c1';"));
    }

    [Fact]
    public void Open_DatabaseAtVersion6_KeysAttachmentsByCertificateRowAndKeepsEverything()
    {
        var path = Path.Combine(_environment.Temporary.Path, "v6", "secretless.db");
        OlderSchemaFile.Create(path, 6, """
            INSERT INTO policies (name, document, version, created_at, updated_at) VALUES ('line', '{}', 1, 0, 0), ('other', '{}', 1, 0, 0);
            INSERT INTO things (name, created_at) VALUES ('dev-a', 1), ('dev-b', 2);
            INSERT INTO certificates (certificate_id, certificate_der, status, subject, issuer, serial, not_after, created_at, updated_at)
            VALUES ('ccc', x'01', 1, 'CN=dev-a', 'CN=ca', '01', 9, 10, 11),
                   ('aaa', x'02', 2, 'CN=dev-a', 'CN=ca', '02', 9, 20, 21),
                   ('bbb', x'03', 1, 'CN=dev-b', 'CN=ca', '03', 9, 30, 31);
            INSERT INTO thing_principals (thing_name, certificate_id, created_at) VALUES ('dev-a', 'ccc', 12), ('dev-a', 'aaa', 22), ('dev-b', 'bbb', 32);
            INSERT INTO policy_attachments (policy_name, certificate_id, created_at) VALUES ('line', 'ccc', 13), ('line', 'bbb', 33), ('other', 'bbb', 34);
            """);

        var upgraded = SqliteDatabase.Open(path, _environment.Time);

        Assert.Equal(7, upgraded.ReadSchemaVersion());
        using var connection = upgraded.OpenConnection();
        // The old row ids become the keys, in registration order; every row keeps its columns.
        Assert.Equal(
            "1:ccc:1:10:11|2:aaa:2:20:21|3:bbb:1:30:31",
            Scalar(connection, "SELECT group_concat(certificate_key || ':' || certificate_id || ':' || status || ':' || created_at || ':' || updated_at, '|') FROM (SELECT * FROM certificates ORDER BY certificate_key);"));
        Assert.Equal(
            "dev-a:ccc:12|dev-a:aaa:22|dev-b:bbb:32",
            Scalar(connection, "SELECT group_concat(thing_name || ':' || certificate_id || ':' || p.created_at, '|') FROM (SELECT p.thing_name, c.certificate_id, p.created_at FROM thing_principals p JOIN certificates c USING (certificate_key) ORDER BY p.created_at) p;"));
        Assert.Equal(
            "line:ccc:13|line:bbb:33|other:bbb:34",
            Scalar(connection, "SELECT group_concat(policy_name || ':' || certificate_id || ':' || a.created_at, '|') FROM (SELECT a.policy_name, c.certificate_id, a.created_at FROM policy_attachments a JOIN certificates c USING (certificate_key) ORDER BY a.created_at) a;"));
        Assert.Equal(0L, Scalar(connection, "SELECT COUNT(*) FROM pragma_foreign_key_check;"));
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check;"));
        Assert.Equal(
            "certificates_by_id,certificates_registered,certificates_status_changed,thing_principals_by_certificate",
            Scalar(connection, "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type IN ('trigger', 'index') AND sql IS NOT NULL AND tbl_name IN ('certificates', 'thing_principals', 'policy_attachments') ORDER BY name);"));

        // The rebuilt table's triggers still feed the broker and replication; its keys still bind the attachments.
        var before = (long)Scalar(connection, "SELECT COUNT(*) FROM certificate_status_events;")!;
        Execute(connection, "UPDATE certificates SET status = 3 WHERE certificate_id = 'bbb';");
        Execute(connection, """
            INSERT INTO certificates (certificate_id, certificate_der, status, subject, issuer, serial, not_after, created_at, updated_at)
            VALUES ('ddd', x'04', 1, 'CN=dev-b', 'CN=ca', '04', 9, 40, 41);
            """);
        Assert.Equal(before + 2, Scalar(connection, "SELECT COUNT(*) FROM certificate_status_events;"));
        Assert.Equal(4L, Scalar(connection, "SELECT certificate_key FROM certificates WHERE certificate_id = 'ddd';"));
        var orphan = Assert.Throws<SqliteException>(() => Execute(connection, "INSERT INTO thing_principals (thing_name, certificate_key, created_at) VALUES ('dev-a', 99, 0);"));
        Assert.Contains("FOREIGN KEY", orphan.Message, StringComparison.Ordinal);
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
