using Microsoft.Data.Sqlite;
using Secretless.Local.Storage;
using Secretless.Local.Tests.Support;
using Secretless.TestSupport.Timing;

namespace Secretless.Local.Tests.Storage;

/// <summary>
/// Checkpoints beside the writer on a real WAL database. "Checkpointed" is proven on the bytes: a
/// copy of the database file alone (without its -wal) holds the rows only after a checkpoint.
/// </summary>
public sealed class SqliteWalCheckpointerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LongIdle = TimeSpan.FromMinutes(5);

    private readonly LocalTestEnvironment _environment = new();

    // SQLite checkpoints when the last connection to a database closes, and other test classes'
    // ClearAllPools closes every idle pooled connection of the process: this unpooled one stays
    // open, so only the checkpoints under test move rows into the database file (CI saw it otherwise).
    private readonly SqliteConnection _writer;

    public SqliteWalCheckpointerTests()
    {
        _writer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database.FilePath, Pooling = false }.ToString());
        _writer.Open();
    }

    private SqliteDatabase Database => _environment.Database;

    public void Dispose()
    {
        _writer.Dispose();
        Database.Dispose();
        _environment.Dispose();
    }

    [Fact]
    public async Task NotifyCommitted_RowsOnlyInTheLog_CopiedIntoTheDatabaseFile()
    {
        Insert(1, 2, 3);
        Assert.Empty(NumbersInDatabaseFileAlone());

        using var checkpointer = new SqliteWalCheckpointer(Database.OpenConnection, TimeSpan.Zero, LongIdle);
        checkpointer.NotifyCommitted();
        await Poll.UntilAsync(() => checkpointer.Checkpoints >= 1, Patience, () => $"failures {checkpointer.Failures}");

        Assert.Equal([1, 2, 3], NumbersInDatabaseFileAlone());
        Assert.Equal(0, checkpointer.Failures);
    }

    [Fact]
    public async Task NotifyCommitted_WithinTheInterval_WaitsAndDisposeRunsTheScheduledOne()
    {
        var checkpointer = new SqliteWalCheckpointer(Database.OpenConnection, TimeSpan.FromHours(1), LongIdle);
        Insert(1);
        checkpointer.NotifyCommitted();
        await Poll.UntilAsync(() => checkpointer.Checkpoints == 1, Patience);

        Insert(2);
        checkpointer.NotifyCommitted();
        checkpointer.NotifyCommitted();
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, checkpointer.Checkpoints);
        Assert.Equal([1], NumbersInDatabaseFileAlone());

        checkpointer.Dispose();
        Assert.Equal(2, checkpointer.Checkpoints);
        Assert.Equal([1, 2], NumbersInDatabaseFileAlone());
        Assert.False(checkpointer.IsRunning);
    }

    [Fact]
    public async Task NotifyCommitted_AfterTheThreadIdledOut_StartsItAgain()
    {
        using var checkpointer = new SqliteWalCheckpointer(Database.OpenConnection, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        Insert(1);
        checkpointer.NotifyCommitted();
        await Poll.UntilAsync(() => checkpointer.Checkpoints == 1, Patience);
        await Poll.UntilAsync(() => !checkpointer.IsRunning, Patience);

        Insert(2);
        checkpointer.NotifyCommitted();
        await Poll.UntilAsync(() => checkpointer.Checkpoints == 2, Patience);
        Assert.Equal([1, 2], NumbersInDatabaseFileAlone());
    }

    [Fact]
    public async Task NotifyCommitted_ConnectionFailsOnce_CountedAndTheNextCommitCheckpoints()
    {
        var opens = 0;
        using var checkpointer = new SqliteWalCheckpointer(
            () => ++opens == 1 ? throw new SqliteException("disk gone", SQLitePCL.raw.SQLITE_IOERR) : Database.OpenConnection(),
            TimeSpan.Zero,
            LongIdle);
        Insert(1);
        checkpointer.NotifyCommitted();
        await Poll.UntilAsync(() => checkpointer.Failures == 1, Patience);
        Assert.Equal(0, checkpointer.Checkpoints);
        Assert.Empty(NumbersInDatabaseFileAlone());

        checkpointer.NotifyCommitted();
        await Poll.UntilAsync(() => checkpointer.Checkpoints == 1, Patience);
        Assert.Equal([1], NumbersInDatabaseFileAlone());
    }

    [Fact]
    public async Task WriteAsync_GroupCommittedWrite_CheckpointedBesideTheWriter()
    {
        Insert();
        await Database.WriteAsync(context => context.Execute("INSERT INTO numbers (n) VALUES (7);"), CancellationToken.None);

        var checkpointer = Database.WriteQueue.Checkpointer;
        await Poll.UntilAsync(() => NumbersInDatabaseFileAlone() is [7], Patience, () => $"checkpoints {checkpointer.Checkpoints}");
        Assert.True(checkpointer.Checkpoints >= 1);
    }

    /// <summary>Creates the table (once) and inserts <paramref name="numbers"/> through an ordinary connection: they land in the log.</summary>
    private void Insert(params int[] numbers)
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS numbers (n INTEGER NOT NULL PRIMARY KEY);" +
            string.Concat(numbers.Select(n => $"INSERT INTO numbers (n) VALUES ({n});"));
        command.ExecuteNonQuery();
    }

    /// <summary>The numbers a copy of the database file without its log holds (none while the table is only in the log).</summary>
    private int[] NumbersInDatabaseFileAlone()
    {
        var copy = Path.Combine(_environment.Temporary.Path, $"alone-{Guid.NewGuid():N}.db");
        File.Copy(Database.FilePath, copy);
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE name = 'numbers';";
            if (command.ExecuteScalar() is null)
            {
                return [];
            }

            return NumbersTable.Read(connection);
        }
        finally
        {
            File.Delete(copy);
            File.Delete(copy + "-wal");
            File.Delete(copy + "-shm");
        }
    }
}
