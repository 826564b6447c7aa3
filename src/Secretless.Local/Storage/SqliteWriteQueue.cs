using Microsoft.Data.Sqlite;

namespace Secretless.Local.Storage;

/// <summary>
/// Group commit for one database: the ledger's and registry's writes of this process go through
/// one writer connection, and whatever is queued while the previous batch commits runs as the
/// next batch in ONE transaction (each item in its own SAVEPOINT) with ONE COMMIT, so concurrent
/// requests share the fsync of <c>synchronous=FULL</c> instead of paying one each.
/// </summary>
/// <remarks>
/// No timer: a batch starts as soon as the writer is free, so a lone write waits for nobody and
/// under load the batch grows by itself. A caller's task completes only after the COMMIT of its
/// batch returned (durable at the database's synchronous level). An item that throws is rolled
/// back to its savepoint and only its caller sees the exception; a failed BEGIN or COMMIT fails
/// every item of that batch. The writer is a background thread (it never keeps a process alive)
/// that ends, closing its connection, after <see cref="IdleTimeout"/> without work, and starts
/// again on the next write. Other processes keep writing through their own connections; SQLite's
/// busy timeout orders them with this writer. The log is checkpointed beside the writer
/// (<see cref="SqliteWalCheckpointer"/>), so a batch rarely waits for one.
/// </remarks>
internal sealed class SqliteWriteQueue : IDisposable, IAsyncDisposable
{
    /// <summary>The most items one batch (one transaction) takes.</summary>
    public const int MaxBatchSize = 512;

    private readonly Func<SqliteConnection> _openConnection;
    private readonly object _gate = new();
    private readonly Queue<SqliteWriteItem> _queue = new();
    private TaskCompletionSource? _writerExited;
    private bool _writerRunning;
    private bool _disposed;
    private long _batches;
    private long _items;

    public SqliteWriteQueue(Func<SqliteConnection> openConnection, TimeSpan? idleTimeout = null)
    {
        _openConnection = openConnection;
        IdleTimeout = idleTimeout ?? TimeSpan.FromSeconds(10);
        Checkpointer = new SqliteWalCheckpointer(openConnection, SqliteWalCheckpointer.DefaultInterval, IdleTimeout);
    }

    /// <summary>How long the writer thread waits for work before it ends.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>Checkpoints the log beside the writer (never inside a batch).</summary>
    public SqliteWalCheckpointer Checkpointer { get; }

    /// <summary>Transactions attempted so far (tests prove batching with it).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Items run so far (skipped cancelled items not counted).</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>
    /// Queues <paramref name="work"/>; the task completes after the batch that ran it committed.
    /// <paramref name="work"/> runs on the writer thread and must not wait for other queued writes.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteWriteContext, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var item = new SqliteWriteItem<T>(work, cancellationToken);

        // Registered before the item is published (the lock orders it before the writer's reads).
        item.ListenForCancellation();
        lock (_gate)
        {
            if (_disposed)
            {
                item.Dispose();
                throw new ObjectDisposedException(nameof(SqliteWriteQueue));
            }

            _queue.Enqueue(item);
            if (!_writerRunning)
            {
                StartWriter();
            }
            else if (_queue.Count == 1)
            {
                Monitor.Pulse(_gate);
            }
        }

        return item.Task;
    }

    /// <summary>Stops taking writes, runs what is queued, then ends the writer and closes its connection.</summary>
    public async ValueTask DisposeAsync()
    {
        var exited = BeginDispose();
        if (exited is not null)
        {
            await exited.ConfigureAwait(false);
        }

        Checkpointer.Dispose();
    }

    public void Dispose()
    {
        BeginDispose()?.GetAwaiter().GetResult();
        Checkpointer.Dispose();
    }

    private Task? BeginDispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.Pulse(_gate);
            return _writerRunning ? _writerExited!.Task : null;
        }
    }

    // Called under _gate.
    private void StartWriter()
    {
        _writerRunning = true;
        _writerExited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var exited = _writerExited;
        var thread = new Thread(() => RunWriter(exited))
        {
            IsBackground = true,
            Name = "secretless-sqlite-writer",
        };
        thread.Start();
    }

    private void RunWriter(TaskCompletionSource exited)
    {
        SqliteConnection? connection = null;
        SqliteWriteContext? context = null;
        var batch = new List<SqliteWriteItem>(MaxBatchSize);
        try
        {
            while (TakeBatch(batch))
            {
                if (context is null)
                {
                    try
                    {
                        connection = _openConnection();
                        context = new SqliteWriteContext(connection);
                    }
#pragma warning disable CA1031 // Every caller of the batch gets the exception.
                    catch (Exception exception)
#pragma warning restore CA1031
                    {
                        connection?.Dispose();
                        connection = null;
                        FailAll(batch, exception);
                        continue;
                    }
                }

                // Counted before the callers are answered, so a caller sees its own batch counted.
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _items, batch.Count);
                if (SqliteWriteBatch.Run(context, batch))
                {
                    Checkpointer.NotifyCommitted();
                }
                else
                {
                    // The connection may be in an unknown state after a failed transaction: start clean.
                    context.Dispose();
                    connection!.Dispose();
                    context = null;
                    connection = null;
                }
            }
        }
        finally
        {
            context?.Dispose();
            connection?.Dispose();
            exited.TrySetResult();
        }
    }

    /// <summary>Waits for work and moves up to <see cref="MaxBatchSize"/> items into <paramref name="batch"/>; false: the writer ends.</summary>
    private bool TakeBatch(List<SqliteWriteItem> batch)
    {
        batch.Clear();
        lock (_gate)
        {
            while (batch.Count == 0)
            {
                while (_queue.Count == 0)
                {
                    if (_disposed || (!Monitor.Wait(_gate, IdleTimeout) && _queue.Count == 0))
                    {
                        _writerRunning = false;
                        return false;
                    }
                }

                while (batch.Count < MaxBatchSize && _queue.TryDequeue(out var item))
                {
                    // Items whose callers cancelled while queued are dropped here, unrun.
                    if (item.TryStart())
                    {
                        batch.Add(item);
                    }
                }
            }
        }

        return true;
    }

    private static void FailAll(List<SqliteWriteItem> batch, Exception exception)
    {
        foreach (var item in batch)
        {
            item.Fail(exception);
        }
    }
}
