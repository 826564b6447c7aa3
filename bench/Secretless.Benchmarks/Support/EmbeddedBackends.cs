using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Secretless.Core;
using Secretless.Core.Devices;
using Secretless.Core.Issuance;
using Secretless.Core.Provisioning;
using Secretless.Local;
using Secretless.Local.Storage;

namespace Secretless.Benchmarks.Support;

/// <summary>
/// The embedded backends (SQLite directory, ledger and registry, file CA) and the core wired the way
/// <c>secretless serve</c> wires them (<c>AddSecretlessLocal</c> + <c>AddSecretlessCore</c>), in a
/// fresh data directory, without HTTP. Logging is off so the numbers are the work itself.
/// </summary>
public sealed class EmbeddedBackends : IDisposable
{
    private readonly BenchDataDirectory _directory;
    private readonly ServiceProvider _services;

    public EmbeddedBackends(string name, SqliteDurability durability)
    {
        _directory = new BenchDataDirectory(name);
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSecretlessLocal(_directory.DataDirectory, local => local.Durability = durability);
        services.AddSecretlessCore();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
    }

    public IDeviceDirectory Directory => _services.GetRequiredService<IDeviceDirectory>();

    public ICertificateAuthority Authority => _services.GetRequiredService<ICertificateAuthority>();

    public IIssuanceLedger Ledger => _services.GetRequiredService<IIssuanceLedger>();

    public CertificateProfileFactory Profiles => _services.GetRequiredService<CertificateProfileFactory>();

    public DeviceProvisioner Provisioner => _services.GetRequiredService<DeviceProvisioner>();

    /// <summary>Registers the devices (one import transaction); throws when the import reports a conflict.</summary>
    public async Task RegisterAsync(IReadOnlyList<BenchDevice> devices, CancellationToken ct)
    {
        var result = await Directory.ImportAsync(BenchDevices.ImportEntries(devices), replaceExistingKeys: false, progress: null, ct);
        if (result.Conflicts.Count > 0)
        {
            throw new InvalidOperationException($"Registering {devices.Count} benchmark devices hit {result.Conflicts.Count} conflicts.");
        }
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }
}
