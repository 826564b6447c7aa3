using Microsoft.Data.Sqlite;
using Secretless.Local.Storage;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Storage;

/// <summary>
/// Group commit on a real database file. A "blocker" item holds the writer thread until the test
/// has queued what it needs, so what lands in one batch is decided by the test, not by timing.
/// </summary>
public sealed class SqliteWriteQueueTests : IDisposable
{
    private readonly LocalTestEnvironment _environment = new();

    private SqliteDatabase Database => _environment.Database;

    public SqliteWriteQueueTests()
    {
        using var connection = Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE numbers (n INTEGER NOT NULL PRIMARY KEY);";
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Database.Dispose();
        _environment.Dispose();
    }

    [Fact]
    public async Task WriteAsync_ManyConcurrentWrites_OneBatchAndAllVisibleAfterwards()
    {
        var blocker = HoldWriter();
        await blocker.Started;
        var batchesBefore = Database.WriteQueue.Batches;

        var writes = new Task[100];
        Parallel.For(0, writes.Length, i => writes[i] = InsertAsync(i + 1));
        blocker.Release();
        await Task.WhenAll(writes);
        await blocker.Completed;

        // The blocker's batch, then the 100 writes queued behind it in one transaction.
        Assert.Equal(batchesBefore + 1, Database.WriteQueue.Batches);
        Assert.Equal(101, Database.WriteQueue.Items);
        Assert.Equal(Enumerable.Range(1, 100).ToArray(), ReadNumbers());
    }

    [Fact]
    public async Task WriteAsync_OneItemThrows_OnlyItsCallerFailsAndBatchMatesAreKept()
    {
        var blocker = HoldWriter();
        await blocker.Started;

        var before = InsertAsync(1);
        var failing = Database.WriteAsync<int>(
            context =>
            {
                context.Execute("INSERT INTO numbers (n) VALUES (2);");
                throw new InvalidOperationException("item failed");
            },
            CancellationToken.None);
        var after = InsertAsync(3);
        blocker.Release();

        await before;
        await after;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("item failed", error.Message);
        Assert.Equal([1, 3], ReadNumbers());
    }

    [Fact]
    public async Task WriteAsync_LoneItemThrows_NothingKeptAndTheNextWriteWorks()
    {
        var failing = Database.WriteAsync<int>(
            context =>
            {
                context.Execute("INSERT INTO numbers (n) VALUES (1);");
                throw new InvalidOperationException("lone item failed");
            },
            CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("lone item failed", error.Message);
        await InsertAsync(2);
        Assert.Equal([2], ReadNumbers());
    }

    [Fact]
    public async Task WriteAsync_ItemViolatesConstraint_BatchMatesAreKept()
    {
        await InsertAsync(7);
        var blocker = HoldWriter();
        await blocker.Started;

        var duplicate = InsertAsync(7);
        var fresh = InsertAsync(8);
        blocker.Release();

        await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        await fresh;
        Assert.Equal([7, 8], ReadNumbers());
    }

    [Fact]
    public async Task WriteAsync_CancelledWhileQueued_CallerCancelledAndNothingWritten()
    {
        var blocker = HoldWriter();
        await blocker.Started;
        using var cancellation = new CancellationTokenSource();
        var ran = false;

        var cancelled = Database.WriteAsync(
            context =>
            {
                ran = true;
                return context.Execute("INSERT INTO numbers (n) VALUES (1);");
            },
            cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        blocker.Release();
        await InsertAsync(2);
        Assert.False(ran);
        Assert.Equal([2], ReadNumbers());
    }

    [Fact]
    public async Task WriteAsync_TokenAlreadyCancelled_ReturnsCancelledTask()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var write = Database.WriteAsync(context => context.Execute("INSERT INTO numbers (n) VALUES (1);"), cancellation.Token);

        Assert.True(write.IsCanceled);
        Assert.Empty(ReadNumbers());
    }

    [Fact]
    public async Task WriteAsync_CommitFails_EveryItemOfTheBatchFailsAndNothingIsKept()
    {
        var blocker = HoldWriter();
        await blocker.Started;

        // A deferred foreign key is checked at COMMIT only: the one way to make COMMIT itself fail.
        var violating = Database.WriteAsync(
            context =>
            {
                context.Execute("PRAGMA defer_foreign_keys = ON;");
                return context.Execute(
                    "INSERT INTO thing_principals (thing_name, certificate_key, created_at) VALUES ('ghost', 999, 0);");
            },
            CancellationToken.None);
        var innocent = InsertAsync(1);
        blocker.Release();

        await Assert.ThrowsAsync<SqliteException>(() => violating);
        await Assert.ThrowsAsync<SqliteException>(() => innocent);
        Assert.Empty(ReadNumbers());

        // The writer recovers with a fresh connection.
        await InsertAsync(2);
        Assert.Equal([2], ReadNumbers());
    }

    [Fact]
    public async Task DisposeAsync_WritesQueued_RunsThemThenRefusesNewOnes()
    {
        var blocker = HoldWriter();
        await blocker.Started;
        var queued = Enumerable.Range(1, 5).Select(InsertAsync).ToArray();

        var disposing = Database.DisposeAsync();
        blocker.Release();
        await disposing;

        await Task.WhenAll(queued);
        Assert.Equal([1, 2, 3, 4, 5], ReadNumbers());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Database.WriteAsync(context => 0, CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_LoneWrite_CommittedBeforeTheTaskCompletes()
    {
        await InsertAsync(42);

        // Another connection (another process would see the same) reads it at once.
        Assert.Equal([42], ReadNumbers());
        Assert.Equal(1, Database.WriteQueue.Batches);
    }

    [Fact]
    public async Task WriteAsync_AnotherProcessHoldsTheWriteLockPastTheBusyTimeout_BackendUnavailableThenRecovers()
    {
        using var impatient = SqliteDatabase.Open(
            _environment.DataDirectory.DatabasePath, _environment.Time, SqliteDurability.Full, TimeSpan.FromMilliseconds(200));
        using var importer = new SqliteConnection($"Data Source={_environment.DataDirectory.DatabasePath};Pooling=False");
        importer.Open();
        using (var begin = importer.CreateCommand())
        {
            // What a long devices import does from its own process: hold the write lock.
            begin.CommandText = "BEGIN IMMEDIATE;";
            begin.ExecuteNonQuery();
        }

        var refused = await Assert.ThrowsAsync<Secretless.Core.Errors.BackendUnavailableException>(
            () => impatient.WriteAsync(context => context.Execute("INSERT INTO numbers (n) VALUES (7);"), CancellationToken.None));

        Assert.Equal("sqlite", refused.Backend);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.IsType<SqliteException>(refused.InnerException);
        using (var rollback = importer.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        Assert.Equal(1, await impatient.WriteAsync(context => context.Execute("INSERT INTO numbers (n) VALUES (8);"), CancellationToken.None));
        Assert.Equal([8], ReadNumbers());
    }

    private Task<int> InsertAsync(int n)
        => Database.WriteAsync(context => context.Execute("INSERT INTO numbers (n) VALUES ($n);", ("$n", n)), CancellationToken.None);

    private int[] ReadNumbers()
    {
        using var connection = Database.OpenConnection();
        return NumbersTable.Read(connection);
    }

    private WriterBlocker HoldWriter() => new(Database);
}
