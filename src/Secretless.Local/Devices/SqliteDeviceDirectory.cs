using Microsoft.Data.Sqlite;
using Secretless.Core.Devices;
using Secretless.Core.Keys;
using Secretless.Local.Storage;

namespace Secretless.Local.Devices;

/// <summary>The device directory in the local SQLite database (table <c>devices</c>).</summary>
public sealed class SqliteDeviceDirectory : IDeviceDirectory
{
    /// <summary>Import progress is reported after every this many entries (and once at the end).</summary>
    public const int ProgressInterval = 10_000;

    private const string SelectColumns = "device_id, public_key, key_algorithm, status, created_at, updated_at";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _timeProvider;

    // The lookup every provisioning makes, kept prepared on open connections.
    private readonly SqlitePointQuery<DeviceRecord> _lookup;

    public SqliteDeviceDirectory(SqliteDatabase database, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _database = database;
        _timeProvider = timeProvider;
        _lookup = new SqlitePointQuery<DeviceRecord>(
            database, $"SELECT {SelectColumns} FROM devices WHERE device_id = $id;", ["$id"], ReadDevice);
    }

    public ValueTask<DeviceRecord?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        cancellationToken.ThrowIfCancellationRequested();

        // Synchronous on purpose: SQLite has no asynchronous I/O (the async methods run the same
        // code and only add allocations), and a point lookup on a prepared statement takes microseconds.
        return ValueTask.FromResult(_lookup.Find(deviceId));
    }

    public Task<DeviceImportResult> ImportAsync(
        IReadOnlyList<DeviceImportEntry> entries,
        bool replaceExistingKeys,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var now = UnixMilliseconds.From(_timeProvider.GetUtcNow());

        // SQLite calls are synchronous underneath; a million-row import must not hold the
        // caller's thread (a CLI progress display, a request thread) for seconds.
        return Task.Run(
            () =>
            {
                using var connection = _database.OpenConnection();
                var importer = new SqliteDeviceImporter(connection, now, replaceExistingKeys);
                return importer.Import(entries, progress, cancellationToken);
            },
            cancellationToken);
    }

    public async Task<bool> SetStatusAsync(string deviceId, DeviceStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown device status.");
        }

        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE devices SET status = $status, updated_at = $now WHERE device_id = $id;";
        command.Parameters.AddWithValue("$status", (int)status);
        command.Parameters.AddWithValue("$now", UnixMilliseconds.From(_timeProvider.GetUtcNow()));
        command.Parameters.AddWithValue("$id", deviceId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<DeviceRecord>> ListAsync(string? afterDeviceId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = afterDeviceId is null
            ? $"SELECT {SelectColumns} FROM devices ORDER BY device_id LIMIT $limit;"
            : $"SELECT {SelectColumns} FROM devices WHERE device_id > $after ORDER BY device_id LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit);
        if (afterDeviceId is not null)
        {
            command.Parameters.AddWithValue("$after", afterDeviceId);
        }

        var devices = new List<DeviceRecord>(Math.Min(limit, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            devices.Add(ReadDevice(reader));
        }

        return devices;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM devices;";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static DeviceRecord ReadDevice(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetFieldValue<byte[]>(1),
        (KeyAlgorithm)reader.GetInt32(2),
        (DeviceStatus)reader.GetInt32(3),
        UnixMilliseconds.ToDateTimeOffset(reader.GetInt64(4)),
        UnixMilliseconds.ToDateTimeOffset(reader.GetInt64(5)));
}
