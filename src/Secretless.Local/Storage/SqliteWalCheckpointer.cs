using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Secretless.Local.Storage;

/// <summary>
/// Copies the write-ahead log into the database file and syncs it, on its own thread and
/// connection, at most once per <see cref="Interval"/> while the group-commit writer commits.
/// </summary>
/// <remarks>
/// SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold: every caller of
/// that batch, and every request queued behind it, waited for thousands of pages to be copied and
/// the database file to be synced (20–35 ms here; the tail of <c>bench/run.sh</c>'s latency,
/// docs/performance.md). A PASSIVE checkpoint from another connection runs beside the writer in
/// WAL mode. Only a checkpoint that reaches the end of the log lets the next write transaction
/// start the log over, and one racing a busy writer rarely does; so the writer keeps its automatic
/// checkpoint, which then finds nearly every page copied and on disk and costs a few milliseconds.
/// SQLite syncs the database file only in a checkpoint that reaches the end of the log (seen with
/// <c>strace</c>: these PASSIVE ones synced only the log, and the writer's then paid 20 ms for
/// every page they had copied), hence the explicit sync here. Durability does not depend on this
/// class: until a complete checkpoint, every page is still in the synced log.
/// </remarks>
internal sealed class SqliteWalCheckpointer : IDisposable
{
    /// <summary>
    /// About 2,000 log pages at full load, half the writer's own threshold: shorter intervals cut
    /// the tail further but copy the pages every batch touches more often (bench A/B, 150 ms: p99
    /// −26 %, req/s −6 %; 300 ms: p99 −15 %, req/s unchanged).
    /// </summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(300);

    private readonly Func<SqliteConnection> _openConnection;
    private readonly object _gate = new();
    private Thread? _thread;
    private bool _pending;
    private bool _stopping;
    private long _checkpoints;
    private long _failures;

    public SqliteWalCheckpointer(Func<SqliteConnection> openConnection, TimeSpan interval, TimeSpan idleTimeout)
    {
        _openConnection = openConnection;
        Interval = interval;
        IdleTimeout = idleTimeout;
    }

    /// <summary>The least time between two checkpoints while commits keep coming.</summary>
    public TimeSpan Interval { get; }

    /// <summary>How long the thread waits for a commit before it ends, closing its connection.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>Checkpoints run (as far as readers allowed, or skipped because another was running).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Checkpoints or syncs that failed; the next commit tries again and the writer's own checkpoint remains.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>True while the thread runs (it ends after <see cref="IdleTimeout"/> without commits).</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _thread is not null;
            }
        }
    }

    /// <summary>Called after each COMMIT of the writer: schedules a checkpoint and never waits for one.</summary>
    public void NotifyCommitted()
    {
        lock (_gate)
        {
            if (_pending || _stopping)
            {
                return;
            }

            _pending = true;
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-checkpoint" };
                _thread.Start();
            }
            else
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Runs a checkpoint still scheduled, then ends the thread and closes its connection.</summary>
    public void Dispose()
    {
        Thread? thread;
        lock (_gate)
        {
            _stopping = true;
            thread = _thread;
            Monitor.Pulse(_gate);
        }

        thread?.Join();
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        var last = long.MinValue;
        try
        {
            while (WaitForWork(last))
            {
                last = Stopwatch.GetTimestamp();
                connection = Checkpoint(connection);
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>Waits until a checkpoint is due (a commit, and the interval since <paramref name="last"/>); false: the thread ends.</summary>
    private bool WaitForWork(long last)
    {
        lock (_gate)
        {
            while (!_pending && !_stopping)
            {
                if (!Monitor.Wait(_gate, IdleTimeout) && !_pending)
                {
                    _thread = null;
                    return false;
                }
            }

            while (!_stopping && last != long.MinValue)
            {
                var wait = Interval - Stopwatch.GetElapsedTime(last);
                if (wait <= TimeSpan.Zero)
                {
                    break;
                }

                Monitor.Wait(_gate, wait);
            }

            if (!_pending)
            {
                _thread = null;
                return false;
            }

            _pending = false;
            return true;
        }
    }

    /// <summary>One PASSIVE checkpoint and a sync of the database file; returns the connection to use next (null after a failure).</summary>
    private SqliteConnection? Checkpoint(SqliteConnection? connection)
    {
        try
        {
            connection ??= _openConnection();
            var handle = connection.Handle!;
            var rc = raw.sqlite3_wal_checkpoint_v2(handle, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _);

            // BUSY: another connection (the writer's automatic checkpoint) is checkpointing right now.
            if (rc == raw.SQLITE_OK)
            {
                rc = SqliteDatabaseFileSync.Sync(handle);
            }

            if (rc is not (raw.SQLITE_OK or raw.SQLITE_BUSY))
            {
                SqliteException.ThrowExceptionForRC(rc, handle);
            }

            Interlocked.Increment(ref _checkpoints);
            return connection;
        }
#pragma warning disable CA1031 // A failed checkpoint loses nothing: every page is still in the log.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failures);
            connection?.Dispose();
            return null;
        }
    }
}
