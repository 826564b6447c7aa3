using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Secretless.Local.FileSystem;

namespace Secretless.Local.Storage;

/// <summary>
/// The one SQLite database file of the local stack: owns the connection string, applies the
/// per-connection settings and brings the schema up to date when opened.
/// </summary>
/// <remarks>
/// WAL lets readers (every provisioning lookup) run while one writer commits.
/// <c>synchronous=FULL</c> by default (<see cref="SqliteDurability"/>): in WAL mode NORMAL may lose
/// the last commits on power loss, and the ledger and registry promise the device that its
/// certificate is recorded before it is answered. FULL costs one fsync of the WAL per commit,
/// which batching commits amortizes.
/// Connections are pooled (private cache, never shared cache) so opening one per operation is cheap.
/// Writes of this process go through one <see cref="SqliteWriteQueue"/> (created on first write),
/// which group-commits concurrent writes; reads use pooled connections and never wait for it.
/// Dispose stops the queue after it ran what was queued. <c>temp_store=MEMORY</c> keeps the
/// savepoint sub-journals of those batches (and temporary indexes) off the disk.
/// </remarks>
public sealed class SqliteDatabase : IDisposable, IAsyncDisposable
{
    /// <summary>How long a writer waits for another process's write lock before failing.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private readonly string _connectionString;
    private readonly string _connectionPragmas;

    // Physical connections (pooled) that already carry the pragmas; weak so closed ones drop out.
    private readonly ConditionalWeakTable<sqlite3, object> _configuredHandles = new();

    private readonly Lock _writeQueueGate = new();
    private SqliteWriteQueue? _writeQueue;
    private bool _disposed;

    private SqliteDatabase(string path, SqliteDurability durability, TimeSpan busyTimeout)
    {
        FilePath = path;
        Durability = durability;
        var synchronous = durability switch
        {
            SqliteDurability.Full => "FULL",
            SqliteDurability.Normal => "NORMAL",
            _ => throw new ArgumentOutOfRangeException(nameof(durability), durability, "Unknown durability."),
        };
        _connectionPragmas =
            $"PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = {(int)busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;";
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        }.ToString();
    }

    /// <summary>Absolute path of the database file.</summary>
    public string FilePath { get; }

    public SqliteDurability Durability { get; }

    /// <summary>Opens (creating and migrating when needed) <c>&lt;data&gt;/secretless.db</c>.</summary>
    public static SqliteDatabase Open(
        SecretlessDataDirectory dataDirectory,
        TimeProvider? timeProvider = null,
        SqliteDurability durability = SqliteDurability.Full)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        dataDirectory.EnsureExists();
        return Open(dataDirectory.DatabasePath, timeProvider, durability);
    }

    /// <summary>Opens (creating and migrating when needed) the database at <paramref name="path"/>.</summary>
    public static SqliteDatabase Open(
        string path,
        TimeProvider? timeProvider = null,
        SqliteDurability durability = SqliteDurability.Full)
        => Open(path, timeProvider, durability, BusyTimeout);

    /// <summary><see cref="Open(string, TimeProvider?, SqliteDurability)"/> with another busy timeout (tests).</summary>
    internal static SqliteDatabase Open(string path, TimeProvider? timeProvider, SqliteDurability durability, TimeSpan busyTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath);
        if (directory is not null)
        {
            PrivateFiles.EnsureDirectory(directory);
        }

        var database = new SqliteDatabase(fullPath, durability, busyTimeout);
        using var connection = database.OpenConnection();
        SqliteMigrations.Apply(connection, timeProvider ?? TimeProvider.System);
        return database;
    }

    /// <summary>The schema version the database is at.</summary>
    public int ReadSchemaVersion()
    {
        using var connection = OpenConnection();
        return SqliteMigrations.ReadVersion(connection);
    }

    /// <summary>Writes this process committed through the group-commit queue (a provisioning is one).</summary>
    public long WriteItems => Volatile.Read(ref _writeQueue)?.Items ?? 0;

    /// <summary>Transactions those writes took: far fewer than <see cref="WriteItems"/> under load.</summary>
    public long WriteTransactions => Volatile.Read(ref _writeQueue)?.Batches ?? 0;

    /// <summary>The group-commit writer of this database, created on first use.</summary>
    internal SqliteWriteQueue WriteQueue
    {
        get
        {
            var queue = Volatile.Read(ref _writeQueue);
            if (queue is not null)
            {
                return queue;
            }

            lock (_writeQueueGate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _writeQueue ??= new SqliteWriteQueue(OpenConnection);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the next group-committed batch; the task completes after that
    /// batch's COMMIT. <paramref name="work"/> is synchronous and must not wait for other writes.
    /// </summary>
    internal Task<T> WriteAsync<T>(Func<SqliteWriteContext, T> work, CancellationToken cancellationToken)
        => WriteQueue.WriteAsync(work, cancellationToken);

    /// <summary>Runs what is queued, then stops the writer and closes its connection.</summary>
    public async ValueTask DisposeAsync()
    {
        var queue = TakeQueueForDispose();
        if (queue is not null)
        {
            await queue.DisposeAsync();
        }
    }

    public void Dispose() => TakeQueueForDispose()?.Dispose();

    private SqliteWriteQueue? TakeQueueForDispose()
    {
        lock (_writeQueueGate)
        {
            _disposed = true;
            var queue = _writeQueue;
            _writeQueue = null;
            return queue;
        }
    }

    internal SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            ApplyPragmas(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            ApplyPragmas(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private void ApplyPragmas(SqliteConnection connection)
    {
        // Per-connection settings. A pooled physical connection keeps them, so they are applied
        // once per physical connection rather than on every open (a lookup is ~2x faster).
        var handle = connection.Handle;
        if (handle is not null && _configuredHandles.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = _connectionPragmas;
        command.ExecuteNonQuery();
        if (handle is not null)
        {
            _configuredHandles.AddOrUpdate(handle, this);
        }
    }
}
