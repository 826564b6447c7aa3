using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Secretless.Core.Devices;
using Secretless.Local.Storage;

namespace Secretless.Local.Devices;

/// <summary>
/// The point lookup every provisioning request makes, on connections that stay open with the
/// SELECT already prepared: Microsoft.Data.Sqlite prepares a statement again for every new
/// command, which costs about as much as the lookup itself. A few idle lookups are kept (one per
/// concurrent request up to <see cref="MaximumIdle"/>); each holds no read transaction while idle,
/// so WAL checkpoints and writers are never blocked by it.
/// </summary>
internal sealed class SqliteDeviceLookup : IDisposable
{
    private const string Sql =
        "SELECT device_id, public_key, key_algorithm, status, created_at, updated_at FROM devices WHERE device_id = $id;";

    private static readonly int MaximumIdle = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _id;

    private SqliteDeviceLookup(SqliteConnection connection)
    {
        _connection = connection;
        _command = connection.CreateCommand();
        _command.CommandText = Sql;
        _id = _command.Parameters.Add("$id", SqliteType.Text);
        _id.Value = string.Empty;
        _command.Prepare();
    }

    /// <summary>Finds one device, renting an idle lookup from <paramref name="idle"/> or opening one.</summary>
    public static DeviceRecord? Find(SqliteDatabase database, ConcurrentBag<SqliteDeviceLookup> idle, string deviceId)
    {
        if (!idle.TryTake(out var lookup))
        {
            lookup = Open(database);
        }

        DeviceRecord? device;
        try
        {
            device = lookup.Find(deviceId);
        }
        catch
        {
            // A failed lookup may have left the connection in an unknown state: never reuse it.
            lookup.Dispose();
            throw;
        }

        if (idle.Count < MaximumIdle)
        {
            idle.Add(lookup);
        }
        else
        {
            lookup.Dispose();
        }

        return device;
    }

    public void Dispose()
    {
        _command.Dispose();
        _connection.Dispose();
    }

    private static SqliteDeviceLookup Open(SqliteDatabase database)
    {
        var connection = database.OpenConnection();
        try
        {
            return new SqliteDeviceLookup(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private DeviceRecord? Find(string deviceId)
    {
        _id.Value = deviceId;
        using var reader = _command.ExecuteReader();
        return reader.Read() ? SqliteDeviceDirectory.ReadDevice(reader) : null;
    }
}
