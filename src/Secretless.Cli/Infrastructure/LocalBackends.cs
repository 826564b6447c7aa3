using Secretless.Core.Devices;
using Secretless.Local;
using Secretless.Local.Devices;
using Secretless.Local.Registry;
using Secretless.Local.Storage;

namespace Secretless.Cli.Infrastructure;

/// <summary>
/// The embedded backends the admin commands read and write directly (no server needed):
/// the SQLite file in the data directory, created and migrated on first use.
/// </summary>
internal sealed class LocalBackends
{
    private LocalBackends(SecretlessDataDirectory dataDirectory, IDeviceDirectory deviceDirectory, SqliteThingRegistry thingRegistry)
    {
        DataDirectory = dataDirectory;
        DeviceDirectory = deviceDirectory;
        ThingRegistry = thingRegistry;
    }

    public SecretlessDataDirectory DataDirectory { get; }

    public IDeviceDirectory DeviceDirectory { get; }

    /// <summary>Read side of the registry: which certificates a device's thing holds.</summary>
    public SqliteThingRegistry ThingRegistry { get; }

    public static LocalBackends Open(string dataRoot)
    {
        var dataDirectory = new SecretlessDataDirectory(dataRoot);
        var database = SqliteDatabase.Open(dataDirectory, TimeProvider.System);
        return new LocalBackends(
            dataDirectory,
            new SqliteDeviceDirectory(database, TimeProvider.System),
            new SqliteThingRegistry(database, new LocalStackOptions(), TimeProvider.System));
    }
}
