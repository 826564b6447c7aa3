using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Local;
using Secretless.Local.Registry;
using Secretless.Local.Storage;
using Secretless.TestSupport;

namespace Secretless.Cli.Tests.Infrastructure;

/// <summary>
/// Registry state without a server: certificates registered straight into the real SQLite file of
/// a data directory, the way provisioning registers them (certificate ACTIVE, thing, attachment).
/// </summary>
public static class RegistryFixture
{
    /// <summary>A P-256 key and a self-signed certificate (CN = id) written as PEM files.</summary>
    public static async Task<DeviceFiles> CreateDeviceFilesAsync(TemporaryDirectory temp, string deviceId)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={deviceId}", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        var directory = temp.File(deviceId);
        Directory.CreateDirectory(directory);
        var files = new DeviceFiles(
            Path.Combine(directory, "certificate.pem"),
            Path.Combine(directory, "device.key"),
            Path.Combine(directory, "ca.pem"),
            certificate.RawData);
        await File.WriteAllTextAsync(files.CertificatePath, certificate.ExportCertificatePem() + "\n");
        await File.WriteAllTextAsync(files.CaPath, certificate.ExportCertificatePem() + "\n");
        await File.WriteAllTextAsync(files.KeyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        return files;
    }

    /// <summary>Registers a fresh certificate for <paramref name="thingName"/> and returns its id.</summary>
    public static async Task<string> RegisterCertificateAsync(TemporaryDirectory temp, string dataRoot, string thingName)
    {
        var files = await CreateDeviceFilesAsync(temp, thingName + "-" + Guid.NewGuid().ToString("N")[..6]);
        var registry = new SqliteThingRegistry(SqliteDatabase.Open(new SecretlessDataDirectory(dataRoot), TimeProvider.System), new LocalStackOptions(), TimeProvider.System);
        var certificateId = await registry.RegisterCertificateAsync(files.CertificateDer, CancellationToken.None);
        await registry.EnsureThingAsync(thingName, CancellationToken.None);
        await registry.AttachThingPrincipalAsync(thingName, certificateId, CancellationToken.None);
        return certificateId;
    }
}
