using Microsoft.Data.Sqlite;
using Secretless.Core.Errors;
using SQLitePCL;

namespace Secretless.Local.Storage;

/// <summary>
/// One transaction of the <see cref="SqliteWriteQueue"/>: BEGIN IMMEDIATE, every item in its own
/// savepoint (a lone item needs none), one COMMIT, then every caller is answered.
/// </summary>
internal static class SqliteWriteBatch
{
    private const string Begin = "BEGIN IMMEDIATE;";
    private const string Savepoint = "SAVEPOINT queued_write;";
    private const string Release = "RELEASE queued_write;";
    private const string RollbackToSavepoint = "ROLLBACK TO queued_write;";
    private const string Commit = "COMMIT;";
    private const string Rollback = "ROLLBACK;";

    // A hint, not a promise: an import of a million lines holds the lock for about ten seconds.
    private static readonly TimeSpan LockedRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs the batch and answers every item. False when the transaction failed as a whole (BEGIN,
    /// savepoint handling or COMMIT): then every item failed and the connection should be replaced.
    /// </summary>
    public static bool Run(SqliteWriteContext context, List<SqliteWriteItem> batch)
    {
        try
        {
            // IMMEDIATE takes the write lock up front (waiting out other processes for up to the
            // busy timeout), so no item fails half-way on a lock upgrade.
            context.Execute(Begin);
            if (batch.Count == 1)
            {
                // A lone item (the unloaded case) needs no savepoint: its failure undoes the transaction.
                context.Execute(batch[0].Run(context) ? Commit : Rollback);
            }
            else
            {
                foreach (var item in batch)
                {
                    context.Execute(Savepoint);
                    if (item.Run(context))
                    {
                        context.Execute(Release);
                    }
                    else
                    {
                        UndoItem(context);
                    }
                }

                context.Execute(Commit);
            }
        }
#pragma warning disable CA1031 // Every caller of the batch gets the exception.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            RollbackQuietly(context);
            var failure = DescribeLockTimeout(exception);
            foreach (var item in batch)
            {
                item.Fail(failure);
            }

            return false;
        }

        foreach (var item in batch)
        {
            item.Complete();
        }

        return true;
    }

    /// <summary>
    /// Another process holding the write lock past the busy timeout (a large <c>devices import</c>,
    /// say) is a temporary condition: callers get <see cref="BackendUnavailableException"/> (a device
    /// hears 503 with Retry-After), not an error that reads like a broken database.
    /// </summary>
    private static Exception DescribeLockTimeout(Exception exception)
        => exception is SqliteException { SqliteErrorCode: raw.SQLITE_BUSY or raw.SQLITE_LOCKED }
            ? new BackendUnavailableException(
                "sqlite",
                LockedRetryAfter,
                "Another process held the database's write lock longer than the busy timeout (for example a large devices import); try again shortly.",
                exception)
            : exception;

    private static void UndoItem(SqliteWriteContext context)
    {
        // Some errors (disk full, I/O) make SQLite roll back the whole transaction by itself;
        // then there is no savepoint left and the batch as a whole has failed.
        if (IsAutocommit(context.Connection))
        {
            throw new InvalidOperationException("SQLite rolled back the write batch after an item failed.");
        }

        context.Execute(RollbackToSavepoint);
        context.Execute(Release);
    }

    private static void RollbackQuietly(SqliteWriteContext context)
    {
        if (IsAutocommit(context.Connection))
        {
            return;
        }

        try
        {
            context.Execute(Rollback);
        }
        catch (SqliteException)
        {
            // The connection is replaced after a failed batch; SQLite drops the transaction with it.
        }
    }

    private static bool IsAutocommit(SqliteConnection connection)
        => connection.Handle is not { } handle || raw.sqlite3_get_autocommit(handle) != 0;
}
