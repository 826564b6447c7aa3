using Secretless.Local.Storage;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Storage;

/// <summary>The VFS sync reached through SQLite's file pointer, on a real database file.</summary>
public sealed class SqliteDatabaseFileSyncTests : IDisposable
{
    private readonly LocalTestEnvironment _environment = new();

    public void Dispose()
    {
        _environment.Database.Dispose();
        _environment.Dispose();
    }

    [Fact]
    public void Sync_CheckpointedDatabase_OkAndTheFileIsUntouched()
    {
        using var connection = _environment.Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText =
            "CREATE TABLE numbers (n INTEGER NOT NULL PRIMARY KEY); INSERT INTO numbers (n) VALUES (1), (2);" +
            "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
        var before = File.ReadAllBytes(_environment.Database.FilePath);

        var rc = SqliteDatabaseFileSync.Sync(connection.Handle!);

        Assert.Equal(SQLitePCL.raw.SQLITE_OK, rc);
        Assert.Equal(before, File.ReadAllBytes(_environment.Database.FilePath));
        command.CommandText = "SELECT count(*) FROM numbers;";
        Assert.Equal(2L, command.ExecuteScalar());
    }
}
